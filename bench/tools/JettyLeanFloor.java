import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floor of an event-loop request path on Baton's server stack without Jetty's HttpClient: Jetty's server with a
 * non-blocking handler, which runs on the selector thread, and a bare HTTP/1.1 upstream client on Jetty's own
 * selector ({@link ClientConnector}, a pool of kept-alive connections, Jetty's parser for the answer), forwarding every
 * request unchanged and doing nothing else: no virtual thread, no blocking read, no hand-off between threads. Where
 * {@code JettyProxyFloor} measures Jetty's complete asynchronous proxy, this measures what such a rewrite of Baton's
 * own client could reach at best (bench/README.md, "An event-loop client without Jetty's HttpClient").
 *
 *   java -cp target/baton.jar bench/tools/JettyLeanFloor.java PORT UPSTREAM_PORT
 *
 * It serves answers with a Content-Length only (the canned upstream's), which is all the floor needs.
 */
public final class JettyLeanFloor {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        InetSocketAddress upstream = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("lean");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        ClientConnector client = new ClientConnector();
        client.setExecutor(threads);
        client.setSelectors(Integer.getInteger("lean.selectors", 1));
        server.addBean(client);
        server.setHandler(new Forward(client, upstream));
        server.start();
        System.out.println("lean floor on 127.0.0.1:" + port + " -> " + upstream);
        server.join();
    }

    /** Reads the body as it comes, then sends it upstream on a pooled connection. */
    static final class Forward extends Handler.Abstract.NonBlocking {
        private final ClientConnector client;
        private final InetSocketAddress upstream;
        private final ConcurrentLinkedDeque<Upstream> idle = new ConcurrentLinkedDeque<>();

        Forward(ClientConnector client, InetSocketAddress upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            new Exchange(request, response, callback).read();
            return true;
        }

        final class Exchange {
            final Request request;
            final Response response;
            final Callback callback;
            byte[] body = new byte[4096];
            int size;

            Exchange(Request request, Response response, Callback callback) {
                this.request = request;
                this.response = response;
                this.callback = callback;
            }

            void read() {
                while (true) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(Invocable.from(Invocable.InvocationType.NON_BLOCKING, this::read));
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        System.err.println("lean floor: " + chunk.getFailure());
                        callback.failed(chunk.getFailure());
                        return;
                    }
                    ByteBuffer bytes = chunk.getByteBuffer();
                    int n = bytes.remaining();
                    if (size + n > body.length) body = Arrays.copyOf(body, Math.max(2 * body.length, size + n));
                    bytes.get(body, size, n);
                    size += n;
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (last) {
                        send();
                        return;
                    }
                }
            }

            ByteBuffer out;
            boolean resent;

            void send() {
                String head = "POST " + request.getHttpURI().getPathQuery() + " HTTP/1.1\r\nHost: 127.0.0.1:" + upstream.getPort()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n";
                byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
                out = ByteBuffer.allocate(h.length + size).put(h).put(body, 0, size).flip();
                forward(false);
            }

            /** On a kept-alive connection, or a new one. */
            void forward(boolean fresh) {
                Upstream up = fresh ? null : idle.poll();
                if (up != null) {
                    up.exchange(out.rewind(), this);
                    return;
                }
                Map<String, Object> context = new HashMap<>();
                context.put(Transport.CONTEXT_KEY, Transport.TCP_IP);
                context.put(ClientConnectionFactory.CONTEXT_KEY,
                        (ClientConnectionFactory) (endPoint, ctx) -> new Upstream(endPoint, client.getExecutor()));
                context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY, new Promise<Connection>() {
                    @Override
                    public void succeeded(Connection c) {
                        ((Upstream) c).exchange(out.rewind(), Exchange.this);
                    }

                    @Override
                    public void failed(Throwable x) {
                        System.err.println("lean floor: " + x);
                        callback.failed(x);
                    }
                });
                client.connect(upstream, context);
            }
        }

        /** One kept-alive upstream connection: writes a request, parses the answer on the selector, answers the caller. */
        final class Upstream extends AbstractConnection.NonBlocking implements HttpParser.ResponseHandler {
            private final HttpParser parser = new HttpParser(this);
            private final ByteBuffer in = BufferUtil.allocate(16 * 1024);
            private Exchange exchange;
            private int status;
            private String contentType;
            private boolean closeAfter;
            private boolean answering;
            private byte[] body = new byte[4096];
            private int size;

            Upstream(EndPoint endPoint, Executor executor) {
                super(endPoint, executor);
            }

            void exchange(ByteBuffer request, Exchange exchange) {
                this.exchange = exchange;
                size = 0;
                answering = false;
                getEndPoint().write(Callback.from(Invocable.InvocationType.NON_BLOCKING, this::fillInterested, this::fail), request);
            }

            @Override
            public void onFillable() {
                try {
                    while (true) {
                        if (BufferUtil.isEmpty(in)) {
                            BufferUtil.clear(in);
                            int n = getEndPoint().fill(in);
                            if (n > 0) answering = true;
                            if (n < 0) {
                                fail(new IOException("upstream closed"));
                                return;
                            }
                            if (n == 0) {
                                fillInterested();
                                return;
                            }
                        }
                        if (parser.parseNext(in)) {
                            answer();
                            return;
                        }
                    }
                } catch (IOException e) {
                    fail(e);
                }
            }

            private void answer() {
                Exchange done = exchange;
                exchange = null;
                parser.reset();
                done.response.setStatus(status);
                if (contentType != null) done.response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
                ByteBuffer content = ByteBuffer.wrap(Arrays.copyOf(body, size));
                if (closeAfter) close();
                else idle.offer(this);
                done.response.write(true, content, done.callback);
            }

            private void fail(Throwable x) {
                Exchange failed = exchange;
                exchange = null;
                close();
                if (failed == null) return;
                // a kept-alive connection the upstream had closed: the request goes again on a new one, once
                if (!answering && !failed.resent) {
                    failed.resent = true;
                    failed.forward(true);
                } else {
                    System.err.println("lean floor: " + x + (answering ? " while the answer came" : " on a new connection"));
                    failed.callback.failed(x);
                }
            }

            @Override
            public void startResponse(HttpVersion version, int status, String reason) {
                this.status = status;
                contentType = null;
                closeAfter = false;
            }

            @Override
            public void parsedHeader(HttpField field) {
                if (field.getHeader() == HttpHeader.CONTENT_TYPE) contentType = field.getValue();
                if (field.getHeader() == HttpHeader.CONNECTION && field.contains("close")) closeAfter = true;
            }

            @Override
            public boolean headerComplete() {
                return false;
            }

            @Override
            public boolean content(ByteBuffer content) {
                int n = content.remaining();
                if (size + n > body.length) body = Arrays.copyOf(body, Math.max(2 * body.length, size + n));
                content.get(body, size, n);
                size += n;
                return false;
            }

            @Override
            public boolean contentComplete() {
                return false;
            }

            @Override
            public boolean messageComplete() {
                return true;
            }

            @Override
            public void earlyEOF() {
                fail(new IOException("upstream closed mid-answer"));
            }
        }
    }
}
