package dev.baton.store;

import dev.baton.canonical.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The usage table: batched inserts by the writer, the writer's own bookkeeping, and spend queries. */
public final class UsageStore {
    private static final String INSERT = "INSERT INTO usage_records (at_ms, key_hash, key_alias, session, requested_model, "
            + "model_group, deployment, provider, upstream_model, status, stream, attempts, attempt_path, latency_ms, ttft_ms, "
            + "input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_usd) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * SQLite rows inserted between two yields of the CPU. SQLite works on the writer's own thread: a batch of 500 in
     * one go is 3-4 ms of CPU, and a request thread woken on that core waits that long even with the other core idle
     * (bench/README.md, "The tail at one connection"); 8 rows are about a tenth of a millisecond. PostgreSQL does the
     * work in its own server, so its batch goes in one round trip.
     */
    private static final int SQLITE_SLICE_ROWS = 8;

    private final Database db;
    private Connection writer;

    public UsageStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** Writes a batch and counts it for the writer run {@code runId}, in one transaction: both or neither. */
    public synchronized void insert(List<UsageRecord> batch, String runId) {
        Connection c = null;
        try {
            c = writerConnection();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT);
                 PreparedStatement run = c.prepareStatement("UPDATE usage_writer_runs SET written = written + ? WHERE run_id = ?")) {
                int slice = db.kind() == Database.Kind.SQLITE ? SQLITE_SLICE_ROWS : batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    bind(ps, batch.get(i));
                    ps.addBatch();
                    if ((i + 1) % slice == 0 || i == batch.size() - 1) {
                        ps.executeBatch();
                        Thread.yield();
                    }
                }
                if (runId != null) {
                    run.setLong(1, batch.size());
                    run.setString(2, runId);
                    run.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            closeWriter(); // a fresh connection for the next batch
            throw new StoreException("cannot write " + batch.size() + " usage records to " + db.description() + ": " + Database.rootMessage(e), e);
        } finally {
            if (db.kind() != Database.Kind.SQLITE) closeWriter(); // PostgreSQL's pool lends connections cheaply
        }
    }

    /**
     * The writer's connection. SQLite's is kept open between batches: opening one (file, schema) costs more than
     * writing a batch of records.
     */
    private Connection writerConnection() throws SQLException {
        if (writer == null) writer = db.connection();
        return writer;
    }

    /** Closes the writer's connection, if open; the next batch opens another. */
    public synchronized void closeWriter() {
        if (writer == null) return;
        try {
            writer.close();
        } catch (SQLException e) {
            // nothing left to do with a connection that fails to close
        } finally {
            writer = null;
        }
    }

    private static void bind(PreparedStatement ps, UsageRecord r) throws SQLException {
        int i = 1;
        ps.setLong(i++, r.atMs());
        ps.setString(i++, r.keyHash());
        ps.setString(i++, r.keyAlias());
        ps.setString(i++, r.session());
        ps.setString(i++, r.requestedModel());
        ps.setString(i++, r.modelGroup());
        ps.setString(i++, r.deployment());
        ps.setString(i++, r.provider());
        ps.setString(i++, r.upstreamModel());
        ps.setInt(i++, r.status());
        ps.setBoolean(i++, r.stream());
        ps.setInt(i++, r.attempts());
        ps.setString(i++, r.attemptPath());
        ps.setLong(i++, r.latencyMs());
        if (r.ttftMs() == null) ps.setNull(i++, Types.BIGINT);
        else ps.setLong(i++, r.ttftMs());
        Usage u = r.usage() == null ? Usage.ZERO : r.usage();
        ps.setLong(i++, u.inputTokens());
        ps.setLong(i++, u.outputTokens());
        ps.setLong(i++, u.cacheReadTokens());
        ps.setLong(i++, u.cacheWrite5mTokens());
        ps.setLong(i++, u.cacheWrite1hTokens());
        ps.setDouble(i, r.costUsd());
    }

    // ---- the writer's runs (crash accounting) ----

    public void startRun(String runId, String host, long pid, long startedAtMs) {
        update("INSERT INTO usage_writer_runs (run_id, host, pid, started_at, written) VALUES (?, ?, ?, ?, 0)",
                runId, host, pid, startedAtMs);
    }

    public void endRun(String runId, long endedAtMs) {
        update("UPDATE usage_writer_runs SET ended_at = ? WHERE run_id = ?", endedAtMs, runId);
    }

    public void markLost(String runId, long lost) {
        update("UPDATE usage_writer_runs SET lost = ? WHERE run_id = ?", lost, runId);
    }

    /** How many records the run wrote, or empty when this database never saw the run. */
    public OptionalLong written(String runId) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT written FROM usage_writer_runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw failed("read the usage writer's runs", e);
        }
    }

    // ---- queries ----

    /** Records since {@code sinceMs}, grouped; costliest first. {@code keyHash} narrows to one key when not null. */
    public List<SpendRow> spend(SpendGrouping by, long sinceMs, String keyHash) {
        String sql = "SELECT " + by.expression + " AS name, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), "
                + "SUM(cache_write_5m_tokens + cache_write_1h_tokens), SUM(cost_usd) FROM usage_records WHERE at_ms >= ?"
                + (keyHash != null ? " AND key_hash = ?" : "")
                + " GROUP BY " + by.expression + " ORDER BY " + (by == SpendGrouping.DAY ? "1 DESC" : "7 DESC, 1");
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, sinceMs);
            if (keyHash != null) ps.setString(2, keyHash);
            return spendRows(ps);
        } catch (SQLException e) {
            throw failed("query spend", e);
        }
    }

    /**
     * Tokens (input of every kind, output) and cost per upstream model of the requests that finished between two
     * times, for journal segments: the request that caused a switch started before it and belongs after it.
     */
    public List<SpendRow> byUpstreamModel(long fromMs, long toMs) {
        String sql = "SELECT COALESCE(upstream_model, deployment), COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), "
                + "SUM(cache_write_5m_tokens + cache_write_1h_tokens), SUM(cost_usd) FROM usage_records WHERE at_ms + latency_ms >= ? AND at_ms + latency_ms < ? "
                + "AND status = 200 GROUP BY COALESCE(upstream_model, deployment)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, fromMs);
            ps.setLong(2, toMs);
            return spendRows(ps);
        } catch (SQLException e) {
            throw failed("query usage by model", e);
        }
    }

    /** Rows of (name, requests, input, output, cache read, cache write, cost). */
    private static List<SpendRow> spendRows(PreparedStatement ps) throws SQLException {
        List<SpendRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new SpendRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getDouble(7)));
            }
        }
        return rows;
    }

    /** What a key spent since {@code sinceMs} (all keys' unkeyed traffic when {@code keyHash} is null). */
    public double costSince(String keyHash, long sinceMs) {
        String sql = "SELECT COALESCE(SUM(cost_usd), 0) FROM usage_records WHERE at_ms >= ?" + (keyHash != null ? " AND key_hash = ?" : "");
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, sinceMs);
            if (keyHash != null) ps.setString(2, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (SQLException e) {
            throw failed("sum spend", e);
        }
    }

    /** The newest records, newest first, for tests and the dashboard. */
    public List<UsageRecord> latest(int limit) {
        return recent(UsageFilter.NONE, limit);
    }

    /** The newest records that pass {@code filter}, newest first (the dashboard's request list). */
    public List<UsageRecord> recent(UsageFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT at_ms, key_hash, key_alias, session, requested_model, model_group, deployment, provider, upstream_model, "
                + "status, stream, attempts, attempt_path, latency_ms, ttft_ms, input_tokens, output_tokens, cache_read_tokens, "
                + "cache_write_5m_tokens, cache_write_1h_tokens, cost_usd FROM usage_records" + filter.where(params) + " ORDER BY id DESC LIMIT ?";
        params.add(limit);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            List<UsageRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long ttft = rs.getLong(15);
                    Long ttftMs = rs.wasNull() ? null : ttft;
                    out.add(new UsageRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getBoolean(11),
                            rs.getInt(12), rs.getString(13), rs.getLong(14), ttftMs,
                            new Usage(rs.getLong(16), rs.getLong(17), rs.getLong(18), rs.getLong(19), rs.getLong(20)), rs.getDouble(21)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read usage records", e);
        }
    }

    /**
     * Spend per hour or day ({@code bucketMs}) and per model, provider, key or session since {@code sinceMs}, oldest
     * bucket first: the dashboard's spend plot. Keys are their hashes, as in {@link #spend}.
     */
    public List<SpendPoint> spendOverTime(SpendGrouping by, long bucketMs, long sinceMs) {
        if (by == SpendGrouping.DAY) throw new IllegalArgumentException("time is the plot's other axis: group by model, provider, key or session");
        if (bucketMs <= 0) throw new IllegalArgumentException("bucketMs must be positive");
        String bucket = "(at_ms / " + bucketMs + ") * " + bucketMs; // a number of our own, never the caller's text
        String sql = "SELECT " + bucket + ", " + by.expression + ", COUNT(*), SUM(cost_usd) FROM usage_records WHERE at_ms >= ? GROUP BY "
                + bucket + ", " + by.expression + " ORDER BY 1, 2";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, sinceMs);
            List<SpendPoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new SpendPoint(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
            }
            return out;
        } catch (SQLException e) {
            throw failed("query spend over time", e);
        }
    }

    public long count() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM usage_records");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failed("count usage records", e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("update the usage writer's runs", e);
        }
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException("cannot " + what + " in " + db.description() + ": " + Database.rootMessage(e), e);
    }
}
