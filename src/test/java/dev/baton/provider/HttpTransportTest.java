package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.Json;
import dev.baton.dialect.SharedValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The socket transport against a scripted raw server: framing, keep-alive reuse, stale connections, timeouts. */
class HttpTransportTest {
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private final HttpTransport transport = new HttpTransport(Duration.ofSeconds(2));
    private Server server;

    @AfterEach
    void stop() throws IOException {
        transport.close();
        if (server != null) server.close();
    }

    @Test
    void readsAContentLengthBodyAndReusesTheConnection() throws Exception {
        server = new Server((req, out) -> write(out, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{\"ok\":true}"));
        for (int i = 0; i < 3; i++) {
            try (UpstreamResponse r = post("{\"n\":" + i + "}")) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("content-type")).isEqualTo("application/json");
                assertThat(new String(r.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            }
        }
        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(server.requests).hasSize(3);
        assertThat(server.requests.get(2)).contains("content-length: 7", "x-api-key: k").endsWith("{\"n\":2}");
    }

    @Test
    void decodesChunkedBodiesAndKeepsTheConnectionWhenTheRestHasArrived() throws Exception {
        server = new Server((req, out) -> write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
                + "6\r\nevent:\r\n" + "3;ext=1\r\n ab\r\n" + "0\r\n\r\n"));
        try (UpstreamResponse r = post("{}")) {
            assertThat(r.headers()).doesNotContainKey("transfer-encoding");
            assertThat(new String(r.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("event: ab");
        }
        try (UpstreamResponse r = post("{}")) { // closed before the end marker was read, but it had arrived: kept
            assertThat(r.body().readNBytes(9)).hasSize(9);
        }
        try (UpstreamResponse r = post("{}")) {
            assertThat(r.body().readAllBytes()).hasSize(9);
        }
        assertThat(server.connections.get()).isEqualTo(1);
    }

    /**
     * A stream that trickles is read into a small array while it waits (thousands of open streams each hold theirs),
     * and the large one comes back when bytes flow again; nothing is lost across the swaps.
     */
    @Test
    void aTricklingStreamWaitsWithASmallBufferAndGetsTheLargeOneBackWhenBytesFlow() throws Exception {
        String burst = "x".repeat(20 << 10);
        server = new Server((req, out) -> {
            write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\nb\r\ndata: one\n\n\r\n");
            sleep(80);
            write(out, "b\r\ndata: two\n\n\r\n");
            sleep(80);
            write(out, Integer.toHexString(burst.length()) + "\r\n" + burst + "\r\n0\r\n\r\n");
        });
        try (UpstreamResponse r = post("{}")) {
            ResponseBody body = (ResponseBody) r.body();
            assertThat(new String(body.readNBytes(22), StandardCharsets.UTF_8)).isEqualTo("data: one\n\ndata: two\n\n"); // waited 80 ms
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            byte[] b = new byte[100];
            rest.write(b, 0, body.read(b, 0, b.length)); // waits again, with the small array
            assertThat(body.readBufferSize()).isEqualTo(1 << 10);
            for (int n; (n = body.read(b, 0, b.length)) > 0; ) rest.write(b, 0, n); // the small array was filled: the large one
            assertThat(body.readBufferSize()).isEqualTo(8 << 10);
            assertThat(rest.toString(StandardCharsets.UTF_8)).isEqualTo(burst);
        }
    }

    /** The body is written again for the resend, whether bytes made already or JSON serialized at each send. */
    @Test
    void sendsAgainOnANewConnectionWhenAKeptAliveOneWasClosedByTheUpstream() throws Exception {
        ObjectNode json = Json.MAPPER.createObjectNode().put("model", "m").put("text", "caf\u00e9 \"quoted\"\n");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        SharedValues.shared().write(json, written);
        String expected = written.toString(StandardCharsets.UTF_8);
        for (OutgoingBody body : List.of(OutgoingBody.of(written.toByteArray()), OutgoingBody.json(json))) {
            AtomicInteger served = new AtomicInteger();
            server = new Server((req, out) -> {
                write(out, "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
                if (served.incrementAndGet() == 1) throw new IOException("the upstream closes its idle connection");
            });
            for (int i = 0; i < 2; i++) {
                try (UpstreamResponse r = post(body)) {
                    assertThat(r.body().readAllBytes()).hasSize(2);
                }
                sleep(HttpTransport.STALE_AFTER_NANOS / 1_000_000 + 100); // idle long enough to be suspected stale
            }
            assertThat(server.connections.get()).isEqualTo(2);
            assertThat(server.requests).hasSize(2); // the first, and the resend of the one written to the closed connection
            for (String request : server.requests) {
                assertThat(request).endsWith("\r\n\r\n" + expected)
                        .contains("content-length: " + expected.getBytes(StandardCharsets.UTF_8).length + "\r\n");
            }
            server.close();
        }
    }

    /** Bodies on both sides of the lent array's size, as bytes and as JSON: each arrives whole, its length exact. */
    @Test
    void bodiesLargerThanALentArrayArriveWholeWithTheirLength() throws Exception {
        server = new Server((req, out) -> write(out, "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));
        int size = dev.baton.dialect.ScratchArrays.SHARED.size();
        for (int n : new int[] {size - 600, size - 200, size, size + 1, 3 * size}) {
            String text = "x".repeat(n - 12) + "\u00e9";
            ObjectNode json = Json.MAPPER.createObjectNode().put("text", text);
            String jsonText = Json.MAPPER.writeValueAsString(json);
            byte[] bytes = jsonText.getBytes(StandardCharsets.UTF_8);
            for (OutgoingBody body : List.of(OutgoingBody.of(bytes), OutgoingBody.json(json),
                    OutgoingBody.of(java.nio.ByteBuffer.wrap(bytes, 0, 5).slice(), java.nio.ByteBuffer.wrap(bytes, 5, bytes.length - 5).slice()))) {
                server.requests.clear();
                try (UpstreamResponse r = post(body)) {
                    assertThat(r.body().readAllBytes()).hasSize(2);
                }
                assertThat(server.requests).singleElement().satisfies(request -> {
                    assertThat(request).startsWith("POST /v1/messages HTTP/1.1\r\n").endsWith("\r\n\r\n" + jsonText)
                            .contains("content-length: " + bytes.length + "\r\n");
                });
            }
        }
    }

    /** A body that fails to serialize fails the call, and the connection it was being written to is closed, not kept. */
    @Test
    void aBodyThatFailsToSerializeClosesItsConnection() throws Exception {
        server = new Server((req, out) -> write(out, "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));
        try (UpstreamResponse r = post("{}")) { // a kept-alive connection to use
            assertThat(r.body().readAllBytes()).hasSize(2);
        }
        ObjectNode broken = Json.MAPPER.createObjectNode();
        broken.set("value", Json.MAPPER.getNodeFactory().pojoNode(new Unwritable()));
        assertThatThrownBy(() -> post(OutgoingBody.json(broken))).isInstanceOf(RuntimeException.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.closed.get() == 1);
        try (UpstreamResponse r = post("{}")) {
            assertThat(r.body().readAllBytes()).hasSize(2);
        }
        assertThat(server.requests).hasSize(2);
        assertThat(server.connections.get()).isEqualTo(2);
    }

    /** A value Jackson cannot write: its one property throws. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }

    @Test
    void aResetOnAConnectionUsedAMomentAgoIsTheUpstreamFailingAndIsNotSentAgain() throws Exception {
        AtomicInteger served = new AtomicInteger();
        server = new Server((req, out) -> {
            if (served.incrementAndGet() == 2) throw new IOException("the upstream drops the request");
            write(out, "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
        });
        try (UpstreamResponse r = post("{}")) {
            assertThat(r.body().readAllBytes()).hasSize(2);
        }
        assertThatThrownBy(() -> post("{}")).isInstanceOfSatisfying(FailureException.class,
                e -> assertThat(e.failure()).isInstanceOf(Failure.Reset.class));
        assertThat(served.get()).isEqualTo(2);
    }

    @Test
    void connectionClosedAnswersAreReadToTheEndAndNotReused() throws Exception {
        server = new Server((req, out) -> {
            write(out, "HTTP/1.1 429 Too Many Requests\r\nretry-after: 3\r\nconnection: close\r\n\r\n{\"type\":\"error\"}");
            throw new IOException("close after the body");
        });
        try (UpstreamResponse r = post("{}")) {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("retry-after")).isEqualTo("3");
            assertThat(new String(r.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"error\"}");
        }
    }

    @Test
    void aRefusedConnectionIsAResetBeforeTheFirstByte() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> transport.post(URI.create("http://127.0.0.1:" + port + "/v1/messages"), Map.of(), OutgoingBody.of(new byte[0]), false, TIMEOUTS))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Reset.class));
    }

    @Test
    void silenceBeforeTheHeadersIsAFirstByteTimeoutAndSilenceInAStreamIsAnIdleTimeout() throws Exception {
        server = new Server((req, out) -> {
            if (req.contains("\"stall\":\"head\"")) sleep(2_000);
            write(out, "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n");
            sleep(2_000);
        });
        Timeouts shortTimes = new Timeouts(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(10));
        URI uri = URI.create(server.base() + "/v1/messages");
        assertThatThrownBy(() -> transport.post(uri, Map.of(), OutgoingBody.of("{\"stall\":\"head\"}".getBytes(StandardCharsets.UTF_8)), true, shortTimes))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOfSatisfying(Failure.TimedOut.class,
                        t -> assertThat(t.phase()).isEqualTo(Failure.Phase.FIRST_BYTE)));
        try (UpstreamResponse r = transport.post(uri, Map.of(), OutgoingBody.of("{}".getBytes(StandardCharsets.UTF_8)), true, shortTimes)) {
            InputStream body = r.body();
            assertThat(body.read(new byte[3])).isEqualTo(3);
            assertThatThrownBy(() -> body.read(new byte[3])).isInstanceOfSatisfying(IOException.class,
                    e -> assertThat(HttpTransport.duringBody(e, false)).isInstanceOf(Failure.TimedOut.class));
        }
    }

    /** An upstream that accepts the connection and never reads: the request write cannot block past the first-byte time. */
    @Test
    void anUpstreamThatStopsReadingTimesTheRequestWriteOut() throws Exception {
        try (ServerSocket deaf = new ServerSocket()) {
            deaf.setReceiveBufferSize(4096);
            deaf.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread.startVirtualThread(() -> {
                try {
                    accepted.add(deaf.accept()); // held open, never read
                } catch (IOException closed) {
                    // the test is over
                }
            });
            byte[] body = new byte[64 << 20]; // far more than the socket buffers on both sides hold
            // not streamed: the answer may take the whole 30 s, but taking the request may not
            Timeouts shortTimes = new Timeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(30));
            URI uri = URI.create("http://127.0.0.1:" + deaf.getLocalPort() + "/v1/messages");
            assertThatThrownBy(() -> transport.post(uri, Map.of(), OutgoingBody.of(body), false, shortTimes))
                    .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOfSatisfying(Failure.TimedOut.class,
                            t -> assertThat(t.detail()).contains("did not take the request")));
            for (Socket s : accepted) s.close();
        }
    }

    private UpstreamResponse post(String body) throws FailureException {
        return post(OutgoingBody.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    private UpstreamResponse post(OutgoingBody body) throws FailureException {
        return transport.post(URI.create(server.base() + "/v1/messages"), Map.of("x-api-key", "k", "content-type", "application/json"),
                body, false, TIMEOUTS);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    interface Script {
        void answer(String request, OutputStream out) throws IOException;
    }

    /** Reads requests with a content-length body, answers each with the script; one virtual thread per connection. */
    static final class Server implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        Server(Script script) throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.startVirtualThread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        open.add(s);
                        connections.incrementAndGet();
                        Thread.startVirtualThread(() -> serve(s, script));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String base() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void serve(Socket s, Script script) {
            try (s) {
                InputStream in = s.getInputStream();
                while (true) {
                    String request = readRequest(in);
                    if (request == null) return;
                    requests.add(request);
                    script.answer(request, s.getOutputStream());
                }
            } catch (IOException e) {
                // the script closes the connection by throwing
            } finally {
                closed.incrementAndGet();
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            for (int b; matched < 4; ) {
                if ((b = in.read()) < 0) return null;
                head.write(b);
                matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
            }
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) s.close();
        }
    }
}
