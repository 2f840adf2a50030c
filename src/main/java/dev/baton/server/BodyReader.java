package dev.baton.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request's body on the request's virtual thread. The buffer grows as bytes arrive, to at most four times
 * what has arrived: the declared length is never allocated up front (a client declaring 30 MB and sending 84 bytes
 * holds 16 KB, not 30 MB). The whole body must arrive within `baton.body_read_timeout` of the headers, else the
 * caller gets a 408: a deadline for the whole body, not an idle time between chunks, so a client trickling a byte a
 * second (slowloris) is cut off as surely as one that stalls. A body over `baton.max_body_mb` gets a 413; up to as
 * much again is read and discarded first, so that a client still sending reads the answer instead of a reset.
 */
final class BodyReader {
    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
    private static final int FIRST_BUFFER = 16 * 1024;
    private static final int GROWTH = 4;
    private static final String READ = BodyReader.class.getName() + ".read";
    /** Answers that leave a body unread (or read and thrown away) close the connection: it cannot carry another request. */
    private static final Map<String, String> CLOSE = Map.of("connection", "close");

    private final int maxBytes;
    private final Duration timeout;
    private final GcPressure gc;

    BodyReader(int maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.gc = new GcPressure();
    }

    byte[] read(Request request) {
        request.setAttribute(READ, Boolean.TRUE); // whatever happens next, the body has had its reading
        long deadline = System.nanoTime() + timeout.toNanos();
        long declared = request.getLength();
        if (declared > maxBytes) {
            if (declared <= 2L * maxBytes) discard(request, deadline, 0);
            throw tooLarge();
        }
        if (gc.high()) { // more work now would only collect longer: the requests in flight finish first
            throw shortOfMemory(request, deadline, "Baton is short of memory for the requests in flight; retry shortly", 2);
        }
        int capacity = (int) (declared >= 0 ? declared : maxBytes);
        try {
            return read(request, deadline, capacity, new byte[Math.min(capacity, FIRST_BUFFER)]);
        } catch (OutOfMemoryError e) { // other requests hold the heap: read the rest away, so the client hears why
            LOG.error("reading a body ({} bytes declared) ran Baton out of memory", declared);
            throw shortOfMemory(request, deadline, "Baton has no memory for a body this large right now; retry shortly", 5);
        }
    }

    /** A 503 to retry after {@code seconds}, the body read away first so that the client hears it. */
    private HttpErrors.BadRequest shortOfMemory(Request request, long deadline, String message, int seconds) {
        discard(request, deadline, 0);
        return new HttpErrors.BadRequest(503, message, Map.of("retry-after", Integer.toString(seconds), "connection", "close"));
    }

    private byte[] read(Request request, long deadline, int capacity, byte[] buf) {
        int size = 0;
        while (true) {
            Content.Chunk chunk = next(request, deadline);
            boolean last = chunk.isLast();
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                if ((long) size + n > maxBytes) {
                    if (!last) discard(request, deadline, (long) size + n);
                    throw tooLarge();
                }
                if (size + n > buf.length) buf = Arrays.copyOf(buf, (int) Math.min(capacity, (long) GROWTH * (size + n)));
                bytes.get(buf, size, n);
                size += n;
            } finally {
                chunk.release();
            }
            if (last) return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }

    /**
     * Reads away what is left of a body that will not be used (an error answered before reading it), up to twice the
     * limit and within the deadline, so that the connection closes cleanly after the answer instead of with a reset
     * that takes the answer with it. A body already read is not touched.
     */
    void discardUnread(Request request) {
        if (request.getAttribute(READ) == null) discard(request, System.nanoTime() + timeout.toNanos(), 0);
    }

    /** Reads and drops the rest of a body too large to keep, up to twice the limit in all and within the deadline. */
    private void discard(Request request, long deadline, long seen) {
        while (seen <= 2L * maxBytes) {
            Content.Chunk chunk;
            try {
                chunk = next(request, deadline);
            } catch (HttpErrors.BadRequest | ClientGoneException stop) {
                return; // the 413 goes out all the same
            }
            seen += chunk.remaining();
            boolean last = chunk.isLast();
            chunk.release();
            if (last) return;
        }
    }

    /** The next chunk of the body, waiting for it until the deadline. */
    private Content.Chunk next(Request request, long deadline) {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk != null) {
                if (!Content.Chunk.isFailure(chunk)) return chunk;
                Throwable failure = chunk.getFailure();
                if (failure instanceof TimeoutException) throw timedOut(); // Jetty's idle timeout, reached first
                if (failure instanceof HttpException bad) throw new HttpErrors.BadRequest(bad.getCode(), "request body: " + bad.getReason(), CLOSE);
                throw new ClientGoneException(failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) throw timedOut();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            request.demand(() -> ready.complete(null));
            try {
                ready.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw timedOut();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientGoneException(e);
            } catch (ExecutionException e) {
                throw new ClientGoneException(e.getCause());
            }
        }
    }

    private HttpErrors.BadRequest timedOut() {
        return new HttpErrors.BadRequest(408, "the request body did not arrive within " + seconds(timeout) + " (baton.body_read_timeout)", CLOSE);
    }

    private HttpErrors.BadRequest tooLarge() {
        return new HttpErrors.BadRequest(413, "request body larger than " + (maxBytes >> 20) + " MB (baton.max_body_mb)", CLOSE);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
