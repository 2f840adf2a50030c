package dev.baton.provider;

import dev.baton.dialect.ScratchArrays;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection to an upstream, used by one request at a time with blocking reads on the request's
 * virtual thread: no selector or callback thread sits between the socket and the reader. A read that waits past
 * the current read timeout, or past the attempt's deadline, fails with a {@link SocketTimeoutException}: the
 * {@link Watchdog} closes its socket (a timed read would cost a timer per read on a virtual thread).
 */
final class HttpConnection implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 << 10;
    /** What a read from the socket fills at most while bytes flow; larger reads bypass it. */
    private static final int FLOWING_BUFFER = 8 << 10;
    /**
     * What it fills while the upstream trickles (a model writing tokens, a long wait for the answer): thousands of
     * open streams each hold theirs while they wait, 2,000 of them 14 MB more of the heap at 8 KB (bench/README).
     */
    private static final int TRICKLING_BUFFER = 1 << 10;
    /** A read that waited this long for its bytes finds the upstream trickling. */
    private static final long TRICKLING_NANOS = 20_000_000;

    final String origin;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[FLOWING_BUFFER];
    /** Whether the last read from the socket waited over {@link #TRICKLING_NANOS}. */
    private boolean trickling;
    private int pos;
    private int lim;
    private long readTimeoutMillis;
    private long deadlineNanos = Long.MAX_VALUE;
    /** When the read or write in progress times out (Long.MAX_VALUE when none waits); the watchdog looks at it. */
    volatile long ioExpiresNanos = Long.MAX_VALUE;
    private volatile boolean expired;
    /** Whether any byte of the current response has arrived (a reused connection that fails before it is retried). */
    boolean responseStarted;
    long idleSinceNanos;
    private volatile boolean closed;

    private final Watchdog watchdog;

    HttpConnection(String origin, Socket socket, Watchdog watchdog) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.watchdog = watchdog;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The connection serves a request now: its reads and writes are watched. */
    void inUse() {
        watchdog.watch(this);
    }

    /** The connection waits in the pool: nothing reads it. */
    void idle() {
        watchdog.unwatch(this);
        limits(0, Long.MAX_VALUE);
    }

    /**
     * Limits the reads and the request write that follow: each waits at most {@code readTimeout}, and none goes past
     * {@code deadline}.
     */
    void limits(long readTimeoutMillis, long deadlineNanos) {
        this.readTimeoutMillis = readTimeoutMillis;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Writes the request, head and body in one write where they fit a lent array: the body first, after room for the
     * head, then the head before it. Bytes too many for one array go as the head, then the body's parts as they are. An
     * upstream that stops reading would block the write for good, so the watchdog ends it as it ends a read.
     */
    void write(RequestHead head, OutgoingBody body) throws IOException {
        responseStarted = false;
        int known = body instanceof OutgoingBody.Bytes bytes ? bytes.length() : -1; // a tree's length is known once written
        if (known >= 0 && head.maxLength() + known > ScratchArrays.SHARED.size()) {
            watched(() -> {
                out.write(head.bytes(known));
                body.writeTo(out);
            });
            return;
        }
        ScratchArrays.Output all = ScratchArrays.SHARED.output();
        try {
            int room = head.maxLength();
            all.skip(room);
            body.writeTo(all); // before the watchdog is armed: the time limit is the upstream's, not the serialization's
            int start = head.placeBefore(all.array(), room, all.size() - room);
            watched(() -> out.write(all.array(), start, all.size() - start));
        } finally {
            all.release();
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private void watched(Write write) throws IOException {
        watchFrom(System.nanoTime());
        try {
            write.run();
            out.flush();
        } catch (IOException e) {
            if (expired) throw new SocketTimeoutException("the upstream did not take the request in time");
            throw e;
        } finally {
            ioExpiresNanos = Long.MAX_VALUE;
        }
    }

    /** Arms the watchdog for the I/O about to start: its read timeout from now, and never past the deadline. */
    private void watchFrom(long now) throws SocketTimeoutException {
        long expires = readTimeoutMillis > 0 ? now + readTimeoutMillis * 1_000_000 : Long.MAX_VALUE;
        if (deadlineNanos < expires) expires = deadlineNanos;
        if (expires <= now) throw new SocketTimeoutException("the attempt's time ran out");
        ioExpiresNanos = expires;
    }

    /** The response head: status, then the headers with lower-case names. Skips 1xx interim responses. */
    Head readHead() throws IOException {
        while (true) {
            String statusLine = line();
            if (statusLine == null) throw new EOFException("the upstream closed the connection before answering");
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP/1.x answer: " + abbreviate(statusLine));
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line: " + abbreviate(statusLine));
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int size = statusLine.length();
            for (String l; !(l = line()).isEmpty(); ) {
                size += l.length();
                if (size > MAX_HEAD_BYTES) throw new IOException("response headers larger than 64 KB");
                int colon = l.indexOf(':');
                if (colon <= 0) continue;
                String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(l.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200 && status != 101) continue;
            return new Head(status, headers, statusLine.startsWith("HTTP/1.0"));
        }
    }

    record Head(int status, Map<String, List<String>> headers, boolean http10) {
        String first(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** A header or chunk-size line without its CRLF; null at end of stream before any byte of the line. */
    String line() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (pos == lim && fill() < 0) {
                if (sb == null) return null;
                throw new EOFException("the upstream closed the connection inside a header line");
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') pos++;
            if (sb == null) sb = new StringBuilder(Math.max(16, pos - start));
            if (sb.length() + pos - start > MAX_HEAD_BYTES) throw new IOException("header line larger than 64 KB");
            sb.append(new String(buf, start, pos - start, StandardCharsets.ISO_8859_1));
            if (pos < lim) {
                pos++; // the LF
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
                return sb.toString();
            }
        }
    }

    /** The size of the array reads from the socket fill now. */
    int readBufferSize() {
        return buf.length;
    }

    /** Bytes already read from the socket and not yet consumed. */
    int buffered() {
        return lim - pos;
    }

    /** Copies up to {@code len} bytes, reading the socket only when nothing is buffered; -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos == lim) {
            if (len >= buf.length) return readDirect(b, off, len); // large reads skip the copy
            if (fill() < 0) return -1;
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    int read() throws IOException {
        if (pos == lim && fill() < 0) return -1;
        return buf[pos++] & 0xff;
    }

    /** Skips {@code n} buffered bytes (the caller checked they are there). */
    void skipBuffered(int n) {
        pos += n;
    }

    /** Looks at a buffered byte without consuming it; -1 when it has not arrived. */
    int peekBuffered(int offset) {
        return pos + offset < lim ? buf[pos + offset] & 0xff : -1;
    }

    private int fill() throws IOException {
        // nothing is buffered, so the array may change: a small one for an upstream that trickles, the large one back
        // as soon as a fill fills the small one. Fast upstreams never wait that long: their reads never reallocate.
        if (trickling && buf.length != TRICKLING_BUFFER) buf = new byte[TRICKLING_BUFFER];
        else if (buf.length == TRICKLING_BUFFER && lim == TRICKLING_BUFFER) buf = new byte[FLOWING_BUFFER];
        pos = 0;
        lim = 0;
        int n = readDirect(buf, 0, buf.length);
        if (n > 0) lim = n;
        return n;
    }

    private int readDirect(byte[] b, int off, int len) throws IOException {
        long start = System.nanoTime();
        watchFrom(start);
        try {
            int n = in.read(b, off, len);
            if (n > 0) responseStarted = true;
            trickling = System.nanoTime() - start > TRICKLING_NANOS;
            return n;
        } catch (IOException e) {
            if (expired) throw new SocketTimeoutException("no data from the upstream in time");
            throw e;
        } finally {
            ioExpiresNanos = Long.MAX_VALUE;
        }
    }

    /** Called by the watchdog: ends a read or write that has waited too long. */
    void expireIfDue(long now) {
        if (now - ioExpiresNanos >= 0 && ioExpiresNanos != Long.MAX_VALUE) {
            expired = true;
            close();
        }
    }

    boolean isClosed() {
        return closed || socket.isClosed();
    }

    @Override
    public void close() {
        closed = true;
        watchdog.unwatch(this);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
