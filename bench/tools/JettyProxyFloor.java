import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What an event-loop proxy costs on Baton's own server stack: Jetty 12's asynchronous reverse proxy (its HttpClient
 * on Jetty's selectors, no virtual thread, no blocking read), forwarding every request unchanged to one upstream and
 * doing nothing else. It is the floor an event-loop rewrite of Baton's request path could reach, measured beside
 * Baton and nginx in the same run (bench/README.md, "An event-loop proxy on Jetty").
 *
 *   java -cp target/baton.jar:<jetty-client, jetty-proxy, jetty-alpn-client 12.1.x jars> \
 *       bench/tools/JettyProxyFloor.java PORT UPSTREAM_PORT
 *
 * bench/tools/proxy-floor.sh fetches the jars and runs it against `bench/run serve`.
 */
public final class JettyProxyFloor {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int upstream = Integer.parseInt(args[1]);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("floor");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        ProxyHandler.Reverse proxy = new ProxyHandler.Reverse(request -> HttpURI.build(request.getHttpURI())
                .scheme("http").host("127.0.0.1").port(upstream).asImmutable());
        server.setHandler(proxy);
        server.start();
        proxy.getHttpClient().setMaxConnectionsPerDestination(1024);
        System.out.println("floor proxy on 127.0.0.1:" + port + " -> 127.0.0.1:" + upstream);
        server.join();
    }
}
