package dev.baton.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server on 127.0.0.1 for tests, built on raw sockets so it can misbehave at the TCP level
 * (reset, stall). One virtual thread per connection, keep-alive supported. A {@link Dialect} supplies the
 * provider's wire format; this class records requests and applies {@link Fault}s.
 */
public final class FakeServer implements AutoCloseable {
    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Dialect dialect;
    private final ServerSocket serverSocket;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Fault> queuedFaults = new ConcurrentLinkedQueue<>();
    private volatile Fault standingFault;
    private volatile RequestQuota quota;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final List<Refusal> refused = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean closed;

    private FakeServer(String name, Dialect dialect, ServerSocket serverSocket) {
        this.name = name;
        this.dialect = dialect;
        this.serverSocket = serverSocket;
    }

    /** Binds 127.0.0.1 on a free port and starts accepting. */
    public static FakeServer start(String name, Dialect dialect) {
        try {
            var socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            var server = new FakeServer(name, Objects.requireNonNull(dialect), socket);
            server.threads.execute(server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The next request gets this fault; queued faults are used in FIFO order before any {@link #always} fault. */
    public void enqueue(Fault fault) {
        queuedFaults.add(Objects.requireNonNull(fault));
    }

    /** Every request without a queued fault gets this one; null switches it off. */
    public void always(Fault fault) {
        standingFault = fault;
    }

    /** Enforces a requests-per-window limit from now on (null: none), advertising it in every answer's headers. */
    public void quota(RequestQuota quota) {
        this.quota = quota;
    }

    /** The limit it enforces, or null. */
    public RequestQuota quota() {
        return quota;
    }

    /** Clears faults and recorded requests. */
    public void reset() {
        queuedFaults.clear();
        standingFault = null;
        recorded.clear();
        refused.clear();
        untaken.clear();
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    public int requestCount() {
        return recorded.size();
    }

    /** A request the dialect itself refused with a 4xx (its validation, not a fault), and what it answered. */
    public record Refusal(RecordedRequest request, int status, String answer) {
        @Override
        public String toString() {
            String body = request.body();
            return request + " -> " + status + " " + answer + "\n    " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        }
    }

    /** Requests the dialect itself refused with a 4xx: what a real provider would refuse. */
    public List<Refusal> refused() {
        return List.copyOf(refused);
    }

    /** The oldest request not yet taken, waiting up to 5 s; fails if none arrives. */
    public RecordedRequest takeRequest() {
        return takeRequest(TAKE_TIMEOUT);
    }

    public RecordedRequest takeRequest(Duration timeout) {
        try {
            RecordedRequest request = untaken.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) throw new AssertionError(name + ": no request within " + timeout);
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : openSockets) closeQuietly(socket);
        threads.shutdownNow(); // interrupts stalls so close() never waits for them
    }

    @Override
    public String toString() {
        return "FakeServer[" + name + " " + baseUrl() + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                int index = connections.getAndIncrement();
                openSockets.add(socket);
                threads.execute(() -> serve(socket, index));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                return; // server socket closed
            }
        }
    }

    private void serve(Socket socket, int connectionIndex) {
        try (socket) {
            socket.setTcpNoDelay(true); // events must leave one by one, not batched
            var out = new BufferedOutputStream(socket.getOutputStream());
            var reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()), out);
            var writer = new ResponseWriter(out);
            boolean reusable = true;
            while (reusable && !closed) {
                HttpRequestReader.Parsed parsed;
                try {
                    parsed = reader.read();
                } catch (HttpRequestReader.BadRequest e) {
                    new Playback(socket, writer, dialect, false)
                            .play(dialect.error(400, null, e.getMessage()), Fault.none());
                    return;
                }
                if (parsed == null) return;
                Fault fault = nextFault(); // taken before the request is seen, so queued faults follow takeRequest()'s order
                RecordedRequest request = record(parsed, connectionIndex);
                var playback = new Playback(socket, writer, dialect, parsed.keepAlive());
                FakeResponse response = withinQuota(request);
                if (response.status() >= 400 && response.status() < 500 && response.status() != 429 && !response.streaming()) {
                    refused.add(new Refusal(request, response.status(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
                }
                reusable = playback.play(response, fault);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, a fault reset the socket, or the server is closing
        } finally {
            openSockets.remove(socket);
        }
    }

    private RecordedRequest record(HttpRequestReader.Parsed parsed, int connectionIndex) {
        var request = new RecordedRequest(sequence.getAndIncrement(), connectionIndex, parsed.method(),
                parsed.target(), parsed.headers(), parsed.body());
        recorded.add(request);
        untaken.add(request);
        return request;
    }

    /** The dialect's answer, or its 429 when the quota is used up; with the quota's headers either way. */
    private FakeResponse withinQuota(RecordedRequest request) {
        RequestQuota q = quota;
        if (q == null) return dialect.respond(request);
        java.time.Instant now = java.time.Instant.now();
        RequestQuota.Verdict v = q.take(now);
        FakeResponse r = v.allowed() ? dialect.respond(request) : dialect.error(429, null, null)
                .withHeader("retry-after", Long.toString(Math.max(1, (java.time.Duration.between(now, v.resetAt()).toMillis() + 999) / 1000)));
        return r.withHeaders(dialect.quotaHeaders(q.limit(), v.remaining(), v.resetAt(), now));
    }

    private Fault nextFault() {
        Fault queued = queuedFaults.poll();
        if (queued != null) return queued;
        Fault standing = standingFault;
        return standing != null ? standing : Fault.none();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
