package dev.baton.server;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty wiring: one connector, one handler, one virtual thread per request. */
public final class GatewayServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final StreamKeepAlive keepAlive;

    public GatewayServer(Gateway gateway, String host, int port) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("baton-server");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        // a heap input buffer: Jetty holds one per open request, so with direct ones every open stream added 8 KB of
        // native memory beside the capped heap; the throughput is the same either way (bench/README)
        h1.setUseInputDirectByteBuffers(false);
        connector = new ServerConnector(server, h1);
        connector.setHost(host);
        connector.setPort(port);
        // the JDK's default backlog of 50 resets connections when a burst of clients (a fan-out of subagents, a
        // load test) connects at once; the kernel still caps it at net.core.somaxconn
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(gateway.config().baton().requestTimeout().toMillis() + 60_000);
        server.addConnector(connector);
        keepAlive = new StreamKeepAlive(gateway.config().baton().pingInterval());
        server.setHandler(new BatonHandler(gateway, keepAlive));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
    }

    public GatewayServer start() throws Exception {
        server.start();
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), port());
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        keepAlive.close();
        server.stop();
    }
}
