package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.config.Deployment;
import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.SwitchEvent;
import dev.baton.server.Gateway;
import dev.baton.server.GatewayServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `baton demo`: the gateway on embedded mock deployments, driven through real HTTP by a short scripted session.
 * The primary starts answering 429 with Retry-After after two requests; the demo shows the invisible fallback, the
 * switch, the cooldown and the recovery. No keys, no network.
 */
@Command(name = "demo", description = "Run the gateway on embedded mock deployments and drive a scripted session through a 429.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, defaultValue = "0", description = "port for the demo gateway (default: any free port)")
    int port;

    @Option(names = "--serve", description = "keep the demo gateway running after the script")
    boolean serve;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the demo narrates itself
        BatonConfig config = embeddedConfig();
        List<SwitchEvent> switches = new CopyOnWriteArrayList<>();
        try (Gateway gateway = new Gateway(config);
             GatewayServer server = new GatewayServer(gateway, "127.0.0.1", port).start()) {
            gateway.switches().subscribe(switches::add);
            URI base = URI.create("http://127.0.0.1:" + server.port());
            out.println("Baton demo: gateway on " + base + ", model group 'claude-sonnet' with two mock deployments:");
            int n = 1;
            for (Deployment d : config.modelList()) out.println("  " + n++ + ". " + d.id() + "  (" + d.provider() + "/" + d.model() + ")");
            out.println("The primary serves two requests, then answers 429 with Retry-After: 3 for three seconds.\n");

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int errors = 0;
            for (int turn = 1; turn <= 6; turn++) {
                if (turn == 5) {
                    out.println("  ... waiting 3.2 s for the primary's cooldown to end\n");
                    Thread.sleep(3200);
                }
                boolean stream = turn % 2 == 0;
                int seen = switches.size();
                HttpResponse<String> r = http.send(request(base, turn, stream), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) errors++;
                out.printf(Locale.ROOT, "turn %d  %-10s HTTP %d  served by %-26s attempts %s  overhead %s ms%n", turn,
                        stream ? "stream" : "non-stream", r.statusCode(), header(r, "x-baton-deployment"),
                        header(r, "x-baton-attempts"), header(r, "x-baton-overhead-ms"));
                awaitSwitches(switches, seen, r);
                for (SwitchEvent e : switches.subList(seen, switches.size())) {
                    out.println("        switch: " + e.from() + " -> " + e.to() + "  (" + e.reason() + ")");
                }
                printCooldowns(gateway, config);
            }
            out.printf(Locale.ROOT, "%nThe client saw %d errors in 6 turns; Baton recorded %d switches.%n", errors, switches.size());
            if (serve) {
                out.println("\nThe demo gateway keeps running: ANTHROPIC_BASE_URL=" + base + "  (Ctrl-C to stop)");
                server.join();
            }
            return errors == 0 ? 0 : 1;
        }
    }

    private static HttpRequest request(URI base, int turn, boolean stream) {
        String body = """
                {"model":"claude-sonnet-4-5-20250929","max_tokens":1024,"stream":%s,
                 "metadata":{"user_id":"user_demo_account_demo_session_0000aaaa-1111-2222-3333-444455556666"},
                 "messages":[{"role":"user","content":"Turn %d: refactor the parser"}]}""".formatted(stream, turn);
        return HttpRequest.newBuilder(base.resolve("/v1/messages"))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Switch events travel off the request path; give the bus a moment so the demo prints them beside their turn. */
    private static void awaitSwitches(List<SwitchEvent> switches, int seen, HttpResponse<String> r) throws InterruptedException {
        boolean expectSwitch = !"1".equals(header(r, "x-baton-attempts"));
        for (int i = 0; i < 20 && expectSwitch && switches.size() == seen; i++) Thread.sleep(10);
        Thread.sleep(20);
    }

    private void printCooldowns(Gateway gateway, BatonConfig config) {
        Instant now = Instant.now();
        for (Deployment d : config.modelList()) {
            DeploymentHealth h = gateway.engine().health().of(d);
            DeploymentHealth.State state = h.state(now);
            if (state == DeploymentHealth.State.COOLING) {
                out.printf(Locale.ROOT, "        %s is cooling down for %.1f s more%n", d.id(),
                        Duration.between(now, h.availableAt(now)).toMillis() / 1000.0);
            } else if (state == DeploymentHealth.State.PROBATION) {
                out.println("        " + d.id() + " cooldown over: the next request probes it before it takes full traffic");
            }
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("-");
    }

    /** The demo's config, keeping its usage records in a temp folder so a demo never touches ~/.baton. */
    private static BatonConfig embeddedConfig() throws IOException {
        Path tmp = Files.createTempFile("baton-demo", ".yaml");
        Path data = Files.createTempDirectory("baton-demo");
        data.toFile().deleteOnExit();
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-config.yaml")) {
            // the demo's usage records go to a throw-away directory: its `baton:` section gets a data_dir
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\nbaton:\n", "\nbaton:\n  data_dir: \"" + data + "\"\n");
            Files.writeString(tmp, yaml);
            return ConfigLoader.load(tmp, Map.of());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
