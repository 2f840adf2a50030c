package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL for tests: `initdb` and `pg_ctl` from the Debian package (`apt-get install postgresql`) start a
 * throw-away cluster in a temp dir, on a free port of 127.0.0.1, once per test run; each test gets a fresh database
 * from {@link #newDatabaseUrl()}. Without the package installed the tests that use it fail, saying what to install.
 *
 * <pre>{@code
 * @ExtendWith(PostgresServer.Extension.class)
 * class MyTest {
 *     @Test void t(PostgresServer pg) { String url = pg.newDatabaseUrl(); ... }
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
    /** The password in the URLs handed out; the cluster trusts local connections, so any password works. */
    public static final String PASSWORD = "pg-test-secret";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final Path bin;
    private final int port;

    private PostgresServer(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    static PostgresServer start() {
        Path bin = findBin();
        try {
            Path dir = Files.createTempDirectory("baton-pg");
            ExternalProcess.chown(dir, "postgres");
            int port = ExternalProcess.freePort();
            Path data = dir.resolve("data");
            ExternalProcess.run(ExternalProcess.as("postgres", List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), dir.resolve("initdb.log"),
                    Duration.ofSeconds(60));
            String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                    + " -c synchronous_commit=off -c full_page_writes=off";
            ExternalProcess.run(ExternalProcess.as("postgres", List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-o", options, "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start")),
                    dir.resolve("pg_ctl.log"), Duration.ofSeconds(70));
            PostgresServer server = new PostgresServer(dir, bin, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) return newest.get().resolve("bin");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: these tests start their own server with initdb and pg_ctl "
                + "from /usr/lib/postgresql/<version>/bin. Install it with `sudo apt-get install -y postgresql` (./run-tests does: scripts/test-deps.sh).");
    }

    public int port() {
        return port;
    }

    /** A new, empty database, as LiteLLM users write the URL: `postgresql://postgres:PASSWORD@127.0.0.1:PORT/NAME`. */
    public String newDatabaseUrl() {
        String name = "baton_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return "postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + port + "/" + name;
    }

    @Override
    public synchronized void close() {
        if (!Files.exists(dir)) return;
        try {
            ExternalProcess.run(ExternalProcess.as("postgres", List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "stop")), dir.resolve("stop.log"), Duration.ofSeconds(30));
        } catch (RuntimeException ignored) {
            // already gone
        }
        ExternalProcess.deleteTree(dir);
    }

    /** Hands a running {@link PostgresServer} to test methods and constructors; one server for the whole run. */
    public static final class Extension implements ParameterResolver {
        private static PostgresServer shared;

        static synchronized PostgresServer shared() {
            if (shared == null) shared = start();
            return shared;
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == PostgresServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return shared();
        }
    }
}
