package dev.baton.provider;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle keep-alive connections per origin, most recently used first (it is the likeliest to be alive and warm).
 * Connections idle longer than {@link #MAX_IDLE_NANOS} are closed instead of reused, before the upstream's own
 * keep-alive timeout (60 s and more at the usual providers) would close them under us.
 */
final class ConnectionPool implements AutoCloseable {
    static final long MAX_IDLE_NANOS = 20_000_000_000L;
    private static final int MAX_IDLE_PER_ORIGIN = 1024;

    private final Map<String, Idle> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Idle {
        final Deque<HttpConnection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();
    }

    /** A live idle connection to the origin, or null. */
    HttpConnection take(String origin) {
        Idle pool = idle.get(origin);
        if (pool == null) return null;
        long now = System.nanoTime();
        HttpConnection c;
        while ((c = pool.connections.pollFirst()) != null) {
            pool.size.decrementAndGet();
            if (!c.isClosed() && now - c.idleSinceNanos < MAX_IDLE_NANOS) return c;
            c.close();
        }
        return null;
    }

    /** Takes back a connection whose response was read to its end. */
    void release(HttpConnection c) {
        if (closed || c.isClosed() || c.buffered() > 0) { // bytes beyond the response: not a connection to trust
            c.close();
            return;
        }
        Idle pool = idle.computeIfAbsent(c.origin, k -> new Idle());
        if (pool.size.incrementAndGet() > MAX_IDLE_PER_ORIGIN) {
            pool.size.decrementAndGet();
            c.close();
            return;
        }
        c.idleSinceNanos = System.nanoTime();
        c.idle();
        pool.connections.offerFirst(c);
        // drop the oldest while they are past their time, so a burst does not leave sockets open for long
        HttpConnection oldest = pool.connections.peekLast();
        if (oldest != null && System.nanoTime() - oldest.idleSinceNanos > MAX_IDLE_NANOS && pool.connections.removeLastOccurrence(oldest)) {
            pool.size.decrementAndGet();
            oldest.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Idle pool : idle.values()) {
            HttpConnection c;
            while ((c = pool.connections.pollFirst()) != null) c.close();
        }
    }
}
