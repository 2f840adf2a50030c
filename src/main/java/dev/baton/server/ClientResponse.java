package dev.baton.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * The answer to one caller, written with blocking writes on the request's virtual thread. Thread-safe, because a
 * stream's keep-alive pings are written from another thread while the stream's owner forwards events.
 *
 * <p>Stream bytes may be held back briefly ({@link #stream(byte[], boolean, boolean)} without flush) so that
 * events that arrived together leave together in one write; a stream's headers leave with its first bytes.
 */
final class ClientResponse {
    /** Held-back stream bytes never exceed this; more is written at once. */
    private static final int MAX_HELD = 16 << 10;

    private static final byte[] NOTHING = new byte[0];

    private final Response response;
    private byte[] held = NOTHING;
    private int heldLength;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean committed;
    private volatile int status;
    private volatile boolean contentSent;
    private volatile long lastWriteNanos = System.nanoTime();

    ClientResponse(Response response) {
        this.response = response;
    }

    boolean committed() {
        return committed;
    }

    /** The status sent, or 0 while nothing was. */
    int status() {
        return status;
    }

    /** Whether the caller has seen anything beyond headers and pings: after that a fallback would be visible. */
    boolean contentSent() {
        return contentSent;
    }

    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** A complete response with a body. */
    void send(int status, Map<String, String> headers, String contentType, byte[] body) {
        lock.lock();
        try {
            if (committed) throw new IllegalStateException("response already committed");
            response.setStatus(status);
            this.status = status;
            headers.forEach((k, v) -> response.getHeaders().put(k, v));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            committed = true;
            contentSent = true;
            write(true, ByteBuffer.wrap(body));
        } finally {
            lock.unlock();
        }
    }

    /** Sends the headers of an event stream now (if not yet sent); later headers are ignored once committed. */
    void beginStream(Map<String, String> headers) {
        lock.lock();
        try {
            if (committed) return;
            response.setStatus(200);
            this.status = 200;
            headers.forEach((k, v) -> response.getHeaders().put(k, v));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            committed = true; // the headers leave with the first bytes written
        } finally {
            lock.unlock();
        }
    }

    /** Writes stream bytes and flushes them. */
    void stream(byte[] bytes, boolean content) {
        stream(bytes, content, true);
    }

    /**
     * Writes stream bytes; with {@code flush} false they may wait for the next write (pass false only when more
     * bytes are already at hand, so nothing waits for the network).
     */
    void stream(byte[] bytes, boolean content, boolean flush) {
        lock.lock();
        try {
            if (content) contentSent = true;
            if (!flush && heldLength + bytes.length <= MAX_HELD) {
                hold(bytes);
            } else if (heldLength > 0) {
                hold(bytes);
                writeHeld(false);
            } else {
                write(false, ByteBuffer.wrap(bytes));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what {@link #stream} held back. */
    void flush() {
        lock.lock();
        try {
            if (heldLength > 0) writeHeld(false);
        } finally {
            lock.unlock();
        }
    }

    private void hold(byte[] bytes) {
        int needed = heldLength + bytes.length;
        if (needed > held.length) held = Arrays.copyOf(held, Math.max(needed, Math.max(4096, held.length * 2)));
        System.arraycopy(bytes, 0, held, heldLength, bytes.length);
        heldLength += bytes.length;
    }

    /**
     * Writes the held bytes from their own buffer, which is then let go: a stream between two writes holds none
     * (thousands of open streams, mostly waiting for their upstream's next event).
     */
    private void writeHeld(boolean last) {
        ByteBuffer bytes = ByteBuffer.wrap(held, 0, heldLength);
        held = NOTHING;
        heldLength = 0;
        write(last, bytes);
    }

    /** A keep-alive ping, unless something else is being written right now (which keeps the line alive anyway). */
    void pingIfIdle(long silenceNanos, Map<String, String> headersIfUncommitted, byte[] ping) {
        if (System.nanoTime() - lastWriteNanos < silenceNanos || !lock.tryLock()) return;
        try {
            if (!committed) beginStream(headersIfUncommitted);
            hold(ping);
            writeHeld(false);
        } catch (ClientGoneException gone) {
            // the forwarding thread will see it on its next write
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            writeHeld(true);
        } finally {
            lock.unlock();
        }
    }

    private void write(boolean last, ByteBuffer bytes) {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, bytes, cb);
            cb.block();
        } catch (Exception e) {
            throw new ClientGoneException(e);
        }
        lastWriteNanos = System.nanoTime();
    }
}
