package dev.baton.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The virtual keys table. Keys are found by their SHA-256; the key itself is never stored. */
public final class KeyStore {
    private static final String COLUMNS = "key_hash, key_name, key_alias, models, max_budget, budget_duration, rpm_limit, "
            + "tpm_limit, created_at, expires_at, revoked_at";

    private final Database db;

    public KeyStore(Database db) {
        this.db = db;
    }

    public void insert(VirtualKey k) {
        String sql = "INSERT INTO virtual_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, k.keyHash());
            ps.setString(2, k.keyName());
            ps.setString(3, k.alias());
            ps.setString(4, String.join(",", k.models()));
            setNullable(ps, 5, k.maxBudget(), Types.DOUBLE);
            ps.setString(6, k.budgetDuration());
            setNullable(ps, 7, k.rpmLimit(), Types.INTEGER);
            setNullable(ps, 8, k.tpmLimit(), Types.INTEGER);
            ps.setLong(9, k.createdAt().toEpochMilli());
            setNullable(ps, 10, k.expiresAt() == null ? null : k.expiresAt().toEpochMilli(), Types.BIGINT);
            setNullable(ps, 11, k.revokedAt() == null ? null : k.revokedAt().toEpochMilli(), Types.BIGINT);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("store a virtual key", e);
        }
    }

    public Optional<VirtualKey> find(String keyHash) {
        List<VirtualKey> found = query("SELECT " + COLUMNS + " FROM virtual_keys WHERE key_hash = ?", keyHash);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<VirtualKey> findByAlias(String alias) {
        return query("SELECT " + COLUMNS + " FROM virtual_keys WHERE key_alias = ? ORDER BY created_at", alias);
    }

    /** Every key, revoked ones included, oldest first. */
    public List<VirtualKey> list() {
        return query("SELECT " + COLUMNS + " FROM virtual_keys ORDER BY created_at");
    }

    /** Marks the key revoked; false when there is no such key or it was revoked already. */
    public boolean revoke(String keyHash, Instant at) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE virtual_keys SET revoked_at = ? WHERE key_hash = ? AND revoked_at IS NULL")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, keyHash);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed("revoke a virtual key", e);
        }
    }

    private List<VirtualKey> query(String sql, String... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            List<VirtualKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed("read virtual keys", e);
        }
    }

    private static VirtualKey read(ResultSet rs) throws SQLException {
        String models = rs.getString(4);
        double budget = rs.getDouble(5);
        Double maxBudget = rs.wasNull() ? null : budget;
        int rpm = rs.getInt(7);
        Integer rpmLimit = rs.wasNull() ? null : rpm;
        int tpm = rs.getInt(8);
        Integer tpmLimit = rs.wasNull() ? null : tpm;
        return new VirtualKey(rs.getString(1), rs.getString(2), rs.getString(3),
                models == null || models.isEmpty() ? List.of() : Arrays.asList(models.split(",")),
                maxBudget, rs.getString(6), rpmLimit, tpmLimit, Instant.ofEpochMilli(rs.getLong(9)),
                instant(rs, 10), instant(rs, 11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setNullable(PreparedStatement ps, int i, Object v, int type) throws SQLException {
        if (v == null) ps.setNull(i, type);
        else ps.setObject(i, v);
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException("cannot " + what + " in " + db.description() + ": " + Database.rootMessage(e), e);
    }
}
