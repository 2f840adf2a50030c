package dev.baton.provider;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends upstream reads that wait too long: one daemon thread looks at the connections in use every
 * {@link #TICK_MILLIS} ms and closes those whose read has passed its time. Timeouts are thus precise to a tick,
 * which is plenty for limits counted in seconds.
 */
final class Watchdog implements AutoCloseable {
    static final long TICK_MILLIS = 25;

    private final Set<HttpConnection> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    Watchdog() {
        thread = Thread.ofPlatform().daemon().name("baton-upstream-watchdog").unstarted(this::loop);
        thread.start();
    }

    void watch(HttpConnection c) {
        watched.add(c);
    }

    void unwatch(HttpConnection c) {
        watched.remove(c);
    }

    /** Ends every read and write in progress at once (shutdown: what is still waiting is given up). */
    void expireAll() {
        for (HttpConnection c : watched) c.close();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (HttpConnection c : watched) c.expireIfDue(now);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
