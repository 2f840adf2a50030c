package dev.baton.provider;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of one upstream response, framed by Content-Length, chunked transfer coding, or the end of the
 * connection. At its clean end the connection goes back to the pool; closing it earlier keeps the connection
 * only when the rest of the body has already arrived, and otherwise closes it.
 */
final class ResponseBody extends InputStream {
    enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE, NONE }

    private final HttpConnection conn;
    private final Framing framing;
    private final boolean reusable;
    private final ConnectionPool pool;
    /** Bytes left in the body (LENGTH) or in the current chunk (CHUNKED; -1 before the first chunk header). */
    private long remaining;
    private boolean done;
    private boolean released;

    ResponseBody(HttpConnection conn, Framing framing, long length, boolean reusable, ConnectionPool pool) {
        this.conn = conn;
        this.framing = framing;
        this.reusable = reusable && framing != Framing.UNTIL_CLOSE;
        this.pool = pool;
        this.remaining = framing == Framing.CHUNKED ? -1 : length;
        if (framing == Framing.NONE || framing == Framing.LENGTH && length == 0) finish();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** A body of known length is read into one array of that size, rather than grown chunk by chunk. */
    @Override
    public byte[] readAllBytes() throws IOException {
        if (framing != Framing.LENGTH || done || remaining > Integer.MAX_VALUE - 16) return super.readAllBytes();
        byte[] b = new byte[(int) remaining];
        for (int off = 0; off < b.length; ) off += read(b, off, b.length - off); // readLength throws on a short body
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (done) return -1;
        if (released) throw new IOException("response body closed");
        try {
            return switch (framing) {
                case LENGTH -> readLength(b, off, len);
                case CHUNKED -> readChunked(b, off, len);
                case UNTIL_CLOSE -> readUntilClose(b, off, len);
                case NONE -> -1;
            };
        } catch (IOException e) {
            abort();
            throw e;
        }
    }

    private int readLength(byte[] b, int off, int len) throws IOException {
        int n = conn.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw new IOException("the upstream closed the connection " + remaining + " bytes before the body's end");
        remaining -= n;
        if (remaining == 0) finish();
        return n;
    }

    private int readChunked(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            if (remaining == 0) crlf(); // the CRLF after the chunk just read
            remaining = chunkSize();
            if (remaining == 0) {
                trailers();
                finish();
                return -1;
            }
        }
        int n = conn.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw new IOException("the upstream closed the connection inside a chunk");
        remaining -= n;
        return n;
    }

    private int readUntilClose(byte[] b, int off, int len) throws IOException {
        int n = conn.read(b, off, len);
        if (n < 0) finish();
        return n;
    }

    private long chunkSize() throws IOException {
        String line = conn.line();
        if (line == null) throw new IOException("the upstream closed the connection before the next chunk");
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) throw new NumberFormatException();
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + (hex.length() > 20 ? hex.substring(0, 20) : hex));
        }
    }

    private void crlf() throws IOException {
        String l = conn.line();
        if (l == null || !l.isEmpty()) throw new IOException("chunk not followed by CRLF");
    }

    private void trailers() throws IOException {
        for (String l; (l = conn.line()) != null && !l.isEmpty(); ) {
            // trailer fields carry nothing Baton uses
        }
    }

    /** The size of the array its connection's reads from the socket fill now. */
    int readBufferSize() {
        return conn.readBufferSize();
    }

    /** Bytes that can be read without waiting for the network. */
    @Override
    public int available() {
        if (done || released) return 0;
        long inBody = framing == Framing.CHUNKED ? Math.max(0, remaining) : framing == Framing.UNTIL_CLOSE ? Long.MAX_VALUE : remaining;
        return (int) Math.min(conn.buffered(), inBody);
    }

    /** Ends the exchange: a finished body, or one whose rest is already buffered, keeps the connection. */
    @Override
    public void close() {
        if (released) return;
        if (!done && !drainBuffered()) {
            abort();
            return;
        }
        release();
    }

    /** Drops the connection whatever state the body is in. */
    void abort() {
        if (released) return;
        released = true;
        conn.close();
    }

    private void finish() {
        done = true;
        release();
    }

    private void release() {
        if (released) return;
        released = true;
        if (reusable && done) pool.release(conn);
        else conn.close();
    }

    /** Consumes the rest of the body when it has all arrived (a stream read up to its last event, say). */
    private boolean drainBuffered() {
        try {
            if (framing == Framing.LENGTH) {
                if (conn.buffered() < remaining) return false;
                conn.skipBuffered((int) remaining);
                remaining = 0;
                done = true;
                return true;
            }
            if (framing == Framing.CHUNKED) {
                // only the usual ending is recognised, all of it already buffered: [rest of chunk CRLF] "0" CRLF CRLF
                int at = 0;
                if (remaining >= 0) {
                    if (conn.buffered() < remaining + 2) return false;
                    at = (int) remaining;
                    if (conn.peekBuffered(at) != '\r' || conn.peekBuffered(at + 1) != '\n') return false;
                    at += 2;
                }
                byte[] end = {'0', '\r', '\n', '\r', '\n'};
                for (int k = 0; k < end.length; k++) if (conn.peekBuffered(at + k) != end[k]) return false;
                conn.skipBuffered(at + end.length);
                done = true;
                return true;
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }
}
