package dev.baton.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Where usage records and virtual keys live: an SQLite file by default, PostgreSQL (through HikariCP) when a
 * `database_url` names one. Opening migrates the schema with Flyway; each engine has its own migration folder, since
 * their SQL differs in small ways (auto-increment ids, booleans).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    public enum Kind { SQLITE, POSTGRESQL }

    /** The versions of the migrations in each engine's folder (DatabaseTest keeps this in step with the files). */
    static final Set<String> SCHEMA_VERSIONS = Set.of("1");
    private static final String HISTORY = "baton_schema_history";

    private final Kind kind;
    private final DataSource dataSource;
    private final String description;

    private Database(Kind kind, DataSource dataSource, String description) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.description = description;
    }

    /** PostgreSQL when {@code databaseUrl} is set, else the SQLite file (its folder is created). */
    public static Database open(String databaseUrl, Path sqliteFile) {
        Database db = databaseUrl != null ? postgres(DatabaseUrl.parse(databaseUrl)) : sqlite(sqliteFile);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw new StoreException("cannot prepare the database " + db.description + ": " + rootMessage(e), e);
        }
        return db;
    }

    static Database sqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for " + file, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL); // readers (baton spend) never block the writer
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return new Database(Kind.SQLITE, ds, file.toAbsolutePath().toString());
    }

    static Database postgres(DatabaseUrl url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) c.setUsername(url.user());
        if (url.password() != null) c.setPassword(url.password());
        c.setPoolName("baton-db");
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(10_000);
        try {
            return new Database(Kind.POSTGRESQL, new HikariDataSource(c), url.toString());
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + url + ": " + rootMessage(e), e);
        }
    }

    private void migrate() {
        // Flyway takes most of a second to start (its plugins and their configuration): a store that has every
        // migration already, as at each `baton spend` or restart, is not worth it
        if (applied().equals(SCHEMA_VERSIONS)) {
            LOG.debug("database {} ready, schema current", description);
            return;
        }
        String folder = kind == Kind.SQLITE ? "sqlite" : "postgresql";
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:dev/baton/store/migration/" + folder)
                .table(HISTORY)
                .load()
                .migrate();
        LOG.debug("database {} ready", description);
    }

    /** The versions Flyway's history records as applied; none when there is no history yet. */
    private Set<String> applied() {
        Set<String> versions = new HashSet<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) versions.add(rs.getString(1));
        } catch (SQLException e) { // no history table: a new store, for Flyway to make
            return Set.of();
        }
        return versions;
    }

    public Kind kind() {
        return kind;
    }

    /** Where it is, without credentials. */
    public String description() {
        return description;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource h) h.close();
    }

    @Override
    public String toString() {
        return kind + " " + description;
    }
}
