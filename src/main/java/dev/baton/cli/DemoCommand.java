package dev.baton.cli;

import dev.baton.cli.demo.AnthropicAnswer;
import dev.baton.cli.demo.FakeChatCompletionsServer;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * `baton demo`: the gateway driven through real HTTP by a short scripted session, in Anthropic's Messages API. The
 * primary is Baton's in-process mock, which starts answering 429 with Retry-After after two requests; the secondary is
 * a local OpenAI Chat Completions server the demo starts ({@link FakeChatCompletionsServer}), so what it serves is
 * really translated both ways. The demo shows the invisible fallback, the translation, the switch, the cooldown and
 * the recovery. No keys, no network.
 */
@Command(name = "demo", description = "Run the gateway on a built-in mock and a local OpenAI-compatible server, and drive a "
        + "scripted Anthropic session through a 429 (no keys, no network).", mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    static final String SECONDARY_TEXT = "Done - the fallback model finished the refactor.";

    @Option(names = {"-p", "--port"}, defaultValue = "0", description = "port for the demo gateway (default: any free port)")
    int port;

    @Option(names = "--serve", description = "keep the demo gateway running after the script")
    boolean serve;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the demo narrates itself
        Path data = Files.createTempDirectory("baton-demo");
        try {
            return run(data);
        } finally {
            deleteTree(data); // after the gateway has closed its store
        }
    }

    private int run(Path data) throws Exception {
        List<SwitchEvent> switches = new CopyOnWriteArrayList<>();
        try (FakeChatCompletionsServer openAi = FakeChatCompletionsServer.start(SECONDARY_TEXT);
             Gateway gateway = new Gateway(embeddedConfig(openAi.baseUrl(), data));
             GatewayServer server = new GatewayServer(gateway, "127.0.0.1", port).start()) {
            BatonConfig config = gateway.config();
            gateway.switches().subscribe(switches::add);
            URI base = URI.create("http://127.0.0.1:" + server.port());
            out.println("Baton demo: gateway on " + base + ", model group 'claude-sonnet' with two deployments:");
            int n = 1;
            for (Deployment d : config.modelList()) out.printf(Locale.ROOT, "  %d. %-10s %s%n", n++, d.id(), describe(d));
            out.println("The client speaks Anthropic's Messages API. The primary serves two requests, then answers 429 with");
            out.println("Retry-After: 3 for three seconds. What the secondary serves is translated to OpenAI Chat Completions, and");
            out.println("its answers back to Anthropic's format.\n");

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int errors = 0;
            for (int turn = 1; turn <= 6; turn++) {
                if (turn == 5) {
                    out.println("  ... waiting 3.2 s for the primary's cooldown to end\n");
                    Thread.sleep(3200);
                }
                boolean stream = turn % 2 == 0;
                int seen = switches.size();
                int translated = openAi.received().size();
                HttpResponse<String> r = http.send(request(base, turn, stream), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) errors++;
                out.printf(Locale.ROOT, "turn %d  %-10s HTTP %d  served by %-10s attempts %s  overhead %s ms%n", turn,
                        stream ? "stream" : "non-stream", r.statusCode(), header(r, "x-baton-deployment"),
                        header(r, "x-baton-attempts"), header(r, "x-baton-overhead-ms"));
                awaitSwitches(switches, seen, r);
                for (SwitchEvent e : switches.subList(seen, switches.size())) {
                    out.println("        switch: " + e.from() + " -> " + e.to() + "  (" + e.reason() + ")");
                }
                for (FakeChatCompletionsServer.Received got : openAi.received().subList(translated, openAi.received().size())) {
                    out.println("        translated to OpenAI Chat Completions; the server received POST /v1/chat/completions");
                    out.println("          " + shortened(got.body()));
                }
                if (r.statusCode() == 200) {
                    out.println("        answer (Anthropic " + (stream ? "stream" : "message") + "): \"" + AnthropicAnswer.text(r.body(), stream) + "\"");
                }
                printCooldowns(gateway, config);
            }
            List<FakeChatCompletionsServer.Received> got = openAi.received();
            out.printf(Locale.ROOT, "%nThe client saw %d errors in 6 turns; Baton recorded %d switches; the OpenAI server received %d "
                    + "Chat Completions requests (%d streamed).%n", errors, switches.size(), got.size(),
                    got.stream().filter(FakeChatCompletionsServer.Received::stream).count());
            if (serve) {
                out.println("\nThe demo gateway keeps running: ANTHROPIC_BASE_URL=" + base + "  (Ctrl-C to stop)");
                server.join();
            }
            return errors == 0 ? 0 : 1;
        }
    }

    /** What a deployment is, truthfully: the demo has exactly these two kinds. */
    private static String describe(Deployment d) {
        String target = d.provider() + "/" + d.model();
        if (d.provider().equals("mock")) return target + ": Baton's built-in mock, answers in-process in Anthropic's format";
        return target + ": a local OpenAI Chat Completions server at " + d.apiBase();
    }

    /** A received body as it came, but for the 64-character `user` hash, shortened to keep the line readable. */
    private static String shortened(String body) {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(body);
        String user = json.path("user").asString("");
        if (user.length() > 12) json.put("user", user.substring(0, 8) + "...");
        return Json.MAPPER.writeValueAsString(json);
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
            } else if (state == DeploymentHealth.State.RECOVERING) {
                out.printf(Locale.ROOT, "        %s recovering: it takes %.0f%% of new traffic, rising with each success%n", d.id(),
                        h.share() * 100);
            }
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("-");
    }

    /**
     * The demo's config, its secondary pointing at the local OpenAI server, and its usage records in {@code data} (a
     * temp folder the demo deletes when it ends) so a demo never touches ~/.baton.
     */
    private static BatonConfig embeddedConfig(String openAiBase, Path data) throws IOException {
        Path tmp = Files.createTempFile("baton-demo", ".yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-config.yaml")) {
            // the demo's usage records go to a throw-away directory: its `baton:` section gets a data_dir
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\nbaton:\n", "\nbaton:\n  data_dir: \"" + data + "\"\n");
            Files.writeString(tmp, yaml);
            return ConfigLoader.load(tmp, Map.of("BATON_DEMO_OPENAI_BASE", openAiBase));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
