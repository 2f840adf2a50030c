package dev.baton.server;

import dev.baton.dialect.CallerDialect;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a keep-alive (Anthropic's `event: ping`, an SSE comment for OpenAI callers) on streams that have been silent towards the caller for the ping interval, before the first
 * token too, so that clients and load balancers with idle watchdogs keep the line open (field notes 43). One
 * timer checks all open streams; the writes themselves happen on virtual threads so a slow client stalls no one.
 */
final class StreamKeepAlive implements AutoCloseable {
    private final long intervalNanos;
    private final Set<Registration> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baton-keepalive");
        t.setDaemon(true);
        return t;
    });

    StreamKeepAlive(Duration interval) {
        this.intervalNanos = interval.toNanos();
        long tick = Math.max(50, Math.min(1000, interval.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Stops watching a stream. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Watches one stream until the returned handle is closed. */
    Watch watch(ClientResponse out, Map<String, String> headersIfUncommitted, CallerDialect dialect) {
        Registration r = new Registration(out, headersIfUncommitted, dialect.keepAliveEvent());
        streams.add(r);
        return () -> streams.remove(r);
    }

    private void tick() {
        long now = System.nanoTime();
        for (Registration r : streams) {
            if (now - r.out.lastWriteNanos() >= intervalNanos) {
                Thread.startVirtualThread(() -> r.out.pingIfIdle(intervalNanos, r.headers, r.ping));
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private record Registration(ClientResponse out, Map<String, String> headers, byte[] ping) {
    }
}
