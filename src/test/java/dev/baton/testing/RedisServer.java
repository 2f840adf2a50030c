package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Redis for tests: `redis-server` from the Debian package (`apt-get install redis-server`) on a free port of
 * 127.0.0.1, without persistence, with a password, once per test run. Tests keep apart by key prefix or by
 * {@link #flush()}. Without the package installed the tests that use it fail, saying what to install.
 */
public final class RedisServer implements AutoCloseable {
    public static final String PASSWORD = "redis-test-secret";

    private final Process process;
    private final Path dir;
    private final int port;

    private RedisServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** A server of the test's own, for tests that stop it (the shared one comes from {@link Extension}). */
    public static RedisServer startOwn() {
        return start();
    }

    static RedisServer start() {
        Path binary = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Redis is not installed: these tests start their own redis-server. "
                    + "Install it with `sudo apt-get install -y redis-server` (./run-tests does: scripts/test-deps.sh).");
        }
        try {
            Path dir = Files.createTempDirectory("baton-redis");
            int port = ExternalProcess.freePort();
            Path log = dir.resolve("redis.log");
            Process p = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--requirepass", PASSWORD)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ExternalProcess.awaitPort(port, Duration.ofSeconds(20), p, log);
            RedisServer server = new RedisServer(p, dir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** `redis://:PASSWORD@127.0.0.1:PORT` as REDIS_URL takes it. */
    public String url() {
        return "redis://:" + PASSWORD + "@127.0.0.1:" + port;
    }

    /** Empties every database, so a test starts from nothing. */
    public void flush() {
        try (var jedis = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
            jedis.auth(PASSWORD);
            jedis.flushAll();
        }
    }

    @Override
    public synchronized void close() {
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExternalProcess.deleteTree(dir);
    }

    /** Hands a running {@link RedisServer} to test methods and constructors; one server for the whole run. */
    public static final class Extension implements ParameterResolver {
        private static RedisServer shared;

        static synchronized RedisServer shared() {
            if (shared == null) shared = start();
            return shared;
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == RedisServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return shared();
        }
    }
}
