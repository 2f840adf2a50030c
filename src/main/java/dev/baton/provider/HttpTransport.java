package dev.baton.provider;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one HTTP client every HTTP provider shares: HTTP/1.1 over pooled keep-alive connections, a short connect
 * timeout, and failures turned into {@link Failure} values before the first byte.
 *
 * <p>It blocks on the request's own virtual thread: the request is written and the answer read on that thread,
 * so an exchange costs no hand-off to a selector or callback thread (which is where a gateway's added latency
 * goes on a busy machine).
 */
public final class HttpTransport implements AutoCloseable {
    /** A pooled connection idle longer than this may have been closed by the upstream; a failure on it is retried. */
    static final long STALE_AFTER_NANOS = 1_000_000_000L;

    private final Duration connectTimeout;
    private final ConnectionPool pool = new ConnectionPool();
    private final Watchdog watchdog = new Watchdog();
    private final SSLSocketFactory tls;

    public HttpTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /**
     * Sends a POST and waits for the response headers. The body is written into the request's socket write, and
     * written again if a stale connection's request is sent again.
     */
    public UpstreamResponse post(URI uri, Map<String, String> headers, OutgoingBody body, boolean stream, Timeouts timeouts)
            throws FailureException {
        // A non-streamed answer arrives only when the model has finished, so silence is normal until then.
        Duration idle = stream ? timeouts.idle() : timeouts.total();
        Duration firstByte = stream ? timeouts.firstByte() : timeouts.total();
        long start = System.nanoTime();
        long deadline = start + timeouts.total().toNanos();
        String origin = origin(uri);
        RequestHead head = RequestHead.post(uri, headers);
        for (int attempt = 0; ; attempt++) {
            HttpConnection conn = pool.take(origin);
            boolean reused = conn != null;
            // a kept-alive connection the upstream may have closed while it waited: idle for a while, or refusing
            // the write. A connection used a moment ago that fails is the upstream failing, not a stale connection.
            boolean mayBeStale = reused && System.nanoTime() - conn.idleSinceNanos > STALE_AFTER_NANOS;
            boolean written = false;
            try {
                if (conn == null) conn = connect(uri, origin, deadline);
                conn.inUse();
                // taking the request is not thinking: even a non-streamed call must have it read within the first-byte time
                Duration write = timeouts.firstByte();
                conn.limits(write.toMillis(), Math.min(deadline, start + write.toNanos()));
                try {
                    conn.write(head, body);
                    written = true;
                } catch (IOException e) {
                    mayBeStale = reused;
                    throw e;
                }
                conn.limits(firstByte.toMillis(), Math.min(deadline, start + firstByte.toNanos()));
                HttpConnection.Head h = conn.readHead();
                conn.limits(idle.toMillis(), deadline);
                return new SocketResponse(h, body(conn, h));
            } catch (SocketTimeoutException e) {
                if (conn != null) conn.close();
                boolean connecting = conn == null;
                throw new FailureException(connecting
                        ? new Failure.TimedOut(Failure.Phase.CONNECT, "could not connect to " + hostOf(uri) + " in time")
                        : !written ? new Failure.TimedOut(Failure.Phase.FIRST_BYTE, hostOf(uri) + " did not take the request within "
                        + Math.max(1, timeouts.firstByte().toSeconds()) + " s")
                        : new Failure.TimedOut(Failure.Phase.FIRST_BYTE, "no response from " + hostOf(uri) + " within "
                        + Math.max(1, firstByte.toSeconds()) + " s"));
            } catch (RuntimeException e) { // the body failed to serialize: the connection holds part of a request
                if (conn != null) conn.close();
                throw e;
            } catch (IOException e) {
                // a kept-alive connection the upstream had closed: the request never reached it, so send it again
                boolean stale = mayBeStale && !conn.responseStarted;
                if (conn != null) conn.close();
                if (stale && attempt < 2) continue;
                throw new FailureException(beforeHeaders(uri, e));
            }
        }
    }

    private HttpConnection connect(URI uri, String origin, long deadline) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        int timeout = (int) Math.min(Integer.MAX_VALUE, Math.min(connectTimeout.toMillis(), left));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), timeout);
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, uri.getHost(), port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                params.setApplicationProtocols(new String[] {"http/1.1"});
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(timeout);
                ssl.startHandshake();
                ssl.setSoTimeout(0); // reads are timed by the watchdog from here on
                socket = ssl;
            }
            return new HttpConnection(origin, socket, watchdog);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private ResponseBody body(HttpConnection conn, HttpConnection.Head h) throws IOException {
        String connection = h.first("connection");
        boolean keepAlive = connection == null ? !h.http10() : !connection.toLowerCase(Locale.ROOT).contains("close");
        String te = h.first("transfer-encoding");
        if (h.status() == 204 || h.status() == 304) return new ResponseBody(conn, ResponseBody.Framing.NONE, 0, keepAlive, pool);
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ResponseBody(conn, ResponseBody.Framing.CHUNKED, -1, keepAlive, pool);
        }
        String length = h.first("content-length");
        if (length != null) {
            try {
                return new ResponseBody(conn, ResponseBody.Framing.LENGTH, Long.parseLong(length.trim()), keepAlive, pool);
            } catch (NumberFormatException e) {
                throw new IOException("bad content-length: " + length);
            }
        }
        return new ResponseBody(conn, ResponseBody.Framing.UNTIL_CLOSE, -1, false, pool);
    }

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + ":" + uri.getPort();
    }

    static Failure beforeHeaders(URI uri, Throwable cause) {
        String host = hostOf(uri);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) return new Failure.Reset(true, "connection refused by " + host);
            if (t instanceof java.net.SocketTimeoutException || t instanceof TimeoutException) {
                String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                Failure.Phase phase = msg.contains("connect") ? Failure.Phase.CONNECT : Failure.Phase.FIRST_BYTE;
                return new Failure.TimedOut(phase, phase == Failure.Phase.CONNECT
                        ? "could not connect to " + host + " in time" : "no response from " + host + " in time");
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return new Failure.Reset(true, "cannot resolve " + host);
            }
        }
        return new Failure.Reset(true, "connection to " + host + " failed before the response: " + simpleName(cause));
    }

    /** Names a failure inside a body read, for the detail of a {@link Failure}. */
    public static Failure duringBody(IOException e, boolean beforeContent) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new Failure.TimedOut(Failure.Phase.IDLE, "the upstream stream stalled");
            }
        }
        return new Failure.Reset(beforeContent, "the upstream connection broke: " + simpleName(e));
    }

    private static String simpleName(Throwable t) {
        return t == null ? "unknown" : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
    }

    private static String hostOf(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /**
     * Breaks off every upstream exchange in progress: their reads and writes fail at once. For a shutdown whose grace
     * period is over, so that requests still waiting on an upstream can be answered before the process ends.
     */
    public void abortInFlight() {
        watchdog.expireAll();
    }

    @Override
    public void close() {
        pool.close();
        watchdog.close();
    }

    private static final class SocketResponse implements UpstreamResponse {
        private final int status;
        private final Map<String, List<String>> headers;
        private final ResponseBody body;

        SocketResponse(HttpConnection.Head head, ResponseBody body) {
            this.status = head.status();
            this.headers = head.headers();
            this.body = body;
            headers.remove("transfer-encoding");
            headers.remove("connection");
        }

        public int status() { return status; }

        public Map<String, List<String>> headers() { return headers; }

        public InputStream body() { return body; }

        /** Drops the connection unless the body was read to its end. */
        public void abort() {
            body.abort();
        }

        /** Ends the exchange, keeping the connection when the rest of the body has already arrived. */
        @Override
        public void close() {
            body.close();
        }
    }
}
