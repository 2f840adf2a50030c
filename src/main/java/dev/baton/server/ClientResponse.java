package dev.baton.server;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * The answer to one caller, written with blocking writes on the request's virtual thread. Thread-safe, because a
 * stream's keep-alive pings are written from another thread while the stream's owner forwards events.
 */
final class ClientResponse {
    private final Response response;
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
            write(true, body);
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
            committed = true;
            write(false, new byte[0]);
        } finally {
            lock.unlock();
        }
    }

    /** Writes stream bytes and flushes them. */
    void stream(byte[] bytes, boolean content) {
        lock.lock();
        try {
            if (content) contentSent = true;
            write(false, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** A keep-alive ping, unless something else is being written right now (which keeps the line alive anyway). */
    void pingIfIdle(long silenceNanos, Map<String, String> headersIfUncommitted, byte[] ping) {
        if (System.nanoTime() - lastWriteNanos < silenceNanos || !lock.tryLock()) return;
        try {
            if (!committed) beginStream(headersIfUncommitted);
            write(false, ping);
        } catch (ClientGoneException gone) {
            // the forwarding thread will see it on its next write
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            write(true, new byte[0]);
        } finally {
            lock.unlock();
        }
    }

    private void write(boolean last, byte[] bytes) {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(bytes), cb);
            cb.block();
        } catch (Exception e) {
            throw new ClientGoneException(e);
        }
        lastWriteNanos = System.nanoTime();
    }
}
