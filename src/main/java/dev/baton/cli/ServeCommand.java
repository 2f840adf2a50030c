package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigSummary;
import dev.baton.provider.Upstreams;
import dev.baton.server.Gateway;
import dev.baton.server.GatewayServer;
import dev.baton.store.StoreException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `baton serve`: runs the gateway. */
@Command(name = "serve", description = "Run the gateway (point Claude Code at it with ANTHROPIC_BASE_URL).",
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "config file (LiteLLM config.yaml format); default: BATON_CONFIG, else built from the environment")
    Path config;

    @Option(names = {"-p", "--port"}, defaultValue = "4000", description = "port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--insecure", description = "allow a non-loopback address without a master key")
    boolean insecure;

    @Override
    public Integer call() throws Exception {
        BatonConfig c;
        try {
            c = ConfigSource.load(config);
            ConfigSource.requireModels(c);
            // Resolved here, not at load: the other commands do not need it, but serve must not start without it.
            if (c.general().masterKey() != null) c.general().masterKey().reveal();
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            return 1;
        }
        if (c.general().masterKey() == null && !isLoopback(host) && !insecure) {
            System.err.println("refusing to listen on " + host + " without a master key: anyone who reaches it could spend your quota.\n"
                    + "Set general_settings.master_key (or BATON_MASTER_KEY), bind 127.0.0.1, or pass --insecure.");
            return 2;
        }
        System.out.print(ConfigSummary.describe(c));
        Gateway gateway;
        try {
            gateway = new Gateway(c, Path.of("").toAbsolutePath());
        } catch (Upstreams.UnsupportedProviderException | ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            return 1;
        } catch (StoreException | IllegalStateException e) { // database or Redis unreachable; messages carry no secrets
            System.err.println("cannot start: " + e.getMessage());
            return 1;
        }
        System.out.print(gateway.rules().describe());
        GatewayServer server = new GatewayServer(gateway, host, port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting
            }
            gateway.close();
        }, "baton-shutdown"));
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        System.out.println("Baton listening on " + url);
        System.out.println("  Claude Code:  ANTHROPIC_BASE_URL=" + url + " claude");
        System.out.println("  Dashboard:    " + url + "/ui");
        server.join();
        return 0;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
