package dev.baton.server;

import dev.baton.ui.Dashboard;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty wiring: one connector, the dashboard and the gateway's routes, one virtual thread per request; and a graceful
 * stop (see {@link #close}).
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** After the grace period, how long the requests given up on have to tell their callers. */
    private static final Duration LAST_WORDS = Duration.ofSeconds(5);

    private final Server server;
    private final ServerConnector connector;
    private final StreamKeepAlive keepAlive;
    private final Gateway gateway;
    private final Drain drain = new Drain();
    private volatile int port;
    private final Dashboard dashboard;

    public GatewayServer(Gateway gateway, String host, int port) {
        this.gateway = gateway;
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("baton-server");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        // Jetty's default pool keeps every buffer it lent, up to an eighth of the heap, and trims only when it next
        // needs a new one: after a load run at 256 connections its idle 64 KB input buffers held 17-28 MB of the
        // launcher's 160 MB heap. 64 per size still serve 64 requests at once; beyond, a buffer is allocated and dies.
        long retained = 4L << 20;
        server = new Server(pool, null, new ArrayByteBufferPool(0, -1, -1, 64, retained, retained));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        // heap input buffers: with direct ones every open stream added 8 KB of native memory beside the capped heap.
        // Jetty's 8 KB size, though an 83 KB turn then takes 11 reads: Jetty keeps a request's input buffer (its parser
        // holds the last body chunk) until the response ends, so 64 KB ones cost each open stream 64 KB (bench/README).
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
        dashboard = new Dashboard(gateway, gateway.env()); // `/ui`; every other path goes on to the gateway's routes
        server.setHandler(new Handler.Sequence(dashboard, new BatonHandler(gateway, keepAlive, drain)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
    }

    public GatewayServer start() throws Exception {
        server.start();
        port = connector.getLocalPort();
        return this;
    }

    /** The port it listens on (still known once a stop has begun). */
    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), port());
    }

    /** False once a stop has begun: no new connections are taken. */
    public boolean accepting() {
        return !connector.isShutdown();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops gracefully: no new connections or requests; the requests in flight get up to `baton.shutdown_grace` to
     * finish; then what is left is given up (streams end with an error event, waiting requests get a 503), and every
     * request is still accounted for in the usage records.
     */
    @Override
    public void close() throws Exception {
        drain.start();
        connector.shutdown();
        Duration grace = gateway.config().baton().shutdownGrace();
        int open = drain.inFlight();
        if (open > 0) LOG.info("shutting down: waiting up to {} s for {} request(s) in flight", grace.toSeconds(), open);
        if (!drain.awaitIdle(grace)) {
            LOG.warn("shutting down: {} request(s) still in flight after {} s are ended now", drain.inFlight(), grace.toSeconds());
            gateway.shutDown();
            drain.awaitIdle(LAST_WORDS);
        }
        keepAlive.close();
        dashboard.close();
        try {
            server.stop();
        } catch (TimeoutException e) {
            // Jetty stops everything first and reports afterwards: a connection still busy after its stop timeout
            // (a browser's open page, say) was closed, and the server is stopped
            LOG.info("stopped; connections still busy after {} ms were closed", server.getStopTimeout());
        }
    }
}
