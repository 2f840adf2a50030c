import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.server.Gateway;
import dev.baton.server.GatewayServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Baton's routing bench (issue 12): how many 429s rate-limit prediction spares the upstreams, and where each routing
 * strategy sends traffic. Run from the repository with the built jar on the class path (`bench/run routing` does both):
 *
 * <pre>
 *   java -cp target/baton.jar bench/routing/RoutingBench.java [options]
 *
 *   --requests 1000           requests per quota run
 *   --window 5 --limit 100    each quota deployment allows LIMIT requests per WINDOW seconds
 *   --rate 50 --tight-rate 72 request rates of the quota runs (requests/s): within 80 % of the combined quota, and past it
 *   --concurrency 8           clients at once
 *   --repeat 1                runs of each quota case
 *   --quota false             skip the quota runs
 *   --strategies a,b,...      strategies to measure (default: all seven; `intelligent` adds a warmed-up row)
 *   --strategy-requests 300   requests per strategy
 *   --strategy-limit 10000    requests a minute each strategy deployment allows
 *   --out FILE                default bench/results/DATE-routing.md
 *   --keep                    keep Baton's log and data directories (kept anyway when a run fails)
 * </pre>
 *
 * Everything runs on 127.0.0.1 in this one JVM: small fake upstreams written for the bench (the JDK's HTTP server,
 * not the test fakes), speaking Anthropic's Messages API (JSON and SSE) or OpenAI's chat completions (JSON and
 * chunks), each enforcing a requests-per-window quota that it advertises on every answer (`anthropic-ratelimit-
 * requests-*` or `x-ratelimit-*-requests`) and answering 429 with `retry-after` past it; and Baton itself (Gateway +
 * GatewayServer from a generated config file), given a fresh instance per run. Each request carries a fresh
 * `x-claude-code-session-id`, so what is measured is the strategy, not session affinity.
 */
public final class RoutingBench {
    static final String MASTER_KEY = "sk-bench-master";
    static final String GROUP = "claude-sonnet";
    static final List<String> STRATEGIES = List.of("priority", "simple-shuffle", "least-busy", "usage-based-routing",
            "latency-based-routing", "cost-based-routing", "intelligent");

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = Files.createTempDirectory("baton-routing-bench");
        // Baton narrates every failure and cooldown at info: useful afterwards, noise on the terminal
        System.setProperty("org.slf4j.simpleLogger.logFile", work.resolve("baton.log").toString());
        Mix mix = Mix.load(o.fixtures);
        boolean done = false;
        try {
            List<QuotaRun> quota = new ArrayList<>();
            for (QuotaCase c : o.quota ? QuotaCase.all(o) : List.<QuotaCase>of()) {
                for (int i = 0; i < o.repeat; i++) quota.add(QuotaRun.run(o, mix, work, c));
            }
            List<StrategyRun> strategies = new ArrayList<>();
            for (String s : o.strategies) strategies.add(StrategyRun.run(o, mix, work, s, null));
            if (o.strategies.contains("intelligent")) strategies.add(StrategyRun.run(o, mix, work, "intelligent", "latency-based-routing"));
            String md = Report.markdown(o, quota, strategies);
            Path out = Path.of(o.out != null ? o.out : "bench/results/" + LocalDate.now() + "-routing.md");
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, md);
            log("results: " + out);
            done = true;
        } finally {
            if (done && !o.keep) deleteTree(work);
            else log("Baton's log and data kept in " + work);
        }
    }

    static void log(String s) {
        System.err.printf("%tT  %s%n", System.currentTimeMillis(), s);
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }

    /** Command-line settings. */
    static final class Options {
        String out;
        String fixtures = "bench/fixtures";
        int requests = 1000;
        int strategyRequests = 300;
        int strategyLimit = 10_000;
        int windowSeconds = 5;
        int limit = 100;
        double rate = 50;
        double tightRate = 72;
        int concurrency = 8;
        int repeat = 1;
        boolean quota = true;
        List<String> strategies = STRATEGIES;
        boolean keep;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--keep")) {
                    o.keep = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + ": value missing");
                String v = args[++i];
                switch (a) {
                    case "--out" -> o.out = v;
                    case "--fixtures" -> o.fixtures = v;
                    case "--requests" -> o.requests = Integer.parseInt(v);
                    case "--strategy-requests" -> o.strategyRequests = Integer.parseInt(v);
                    case "--strategy-limit" -> o.strategyLimit = Integer.parseInt(v);
                    case "--window" -> o.windowSeconds = Integer.parseInt(v);
                    case "--limit" -> o.limit = Integer.parseInt(v);
                    case "--rate" -> o.rate = Double.parseDouble(v);
                    case "--tight-rate" -> o.tightRate = Double.parseDouble(v);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                    case "--repeat" -> o.repeat = Integer.parseInt(v);
                    case "--quota" -> o.quota = Boolean.parseBoolean(v);
                    case "--strategies" -> o.strategies = List.of(v.split(","));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return o;
        }

        String command() {
            StringBuilder c = new StringBuilder("bench/run routing");
            Options d = new Options();
            if (requests != d.requests) c.append(" --requests ").append(requests);
            if (strategyRequests != d.strategyRequests) c.append(" --strategy-requests ").append(strategyRequests);
            if (strategyLimit != d.strategyLimit) c.append(" --strategy-limit ").append(strategyLimit);
            if (windowSeconds != d.windowSeconds) c.append(" --window ").append(windowSeconds);
            if (limit != d.limit) c.append(" --limit ").append(limit);
            if (rate != d.rate) c.append(" --rate ").append(fmt(rate));
            if (tightRate != d.tightRate) c.append(" --tight-rate ").append(fmt(tightRate));
            if (concurrency != d.concurrency) c.append(" --concurrency ").append(concurrency);
            if (repeat != d.repeat) c.append(" --repeat ").append(repeat);
            if (quota != d.quota) c.append(" --quota ").append(quota);
            if (!strategies.equals(d.strategies)) c.append(" --strategies ").append(String.join(",", strategies));
            return c.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------ the requests

    /**
     * The traffic: Claude Code's 83 KB turn streamed (60 %) and as a whole answer (10 %), and its 2 KB title request
     * (30 %), in an order drawn from a fixed seed, so every run sends the same sequence.
     */
    record Mix(byte[] turnStream, byte[] turnWhole, byte[] title) {
        static final Pattern MODEL = Pattern.compile("\"model\":\"[^\"]*\"");

        static Mix load(String dir) throws IOException {
            String turn = Files.readString(Path.of(dir, "cc-request.json"));
            String title = Files.readString(Path.of(dir, "cc-small.json"));
            return new Mix(body(turn, true), body(turn, false), body(title, false));
        }

        private static byte[] body(String json, boolean stream) {
            String s = MODEL.matcher(json).replaceFirst("\"model\":\"" + GROUP + "\"").replace("\"stream\":false", "\"stream\":" + stream);
            return s.getBytes(StandardCharsets.UTF_8);
        }

        /** The kinds of {@code n} requests: "stream", "whole", "title". */
        static String[] sequence(int n) {
            Random r = new Random(12);
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                int x = r.nextInt(10);
                out[i] = x < 6 ? "stream" : x < 7 ? "whole" : "title";
            }
            return out;
        }

        byte[] body(String kind) {
            return switch (kind) {
                case "stream" -> turnStream;
                case "whole" -> turnWhole;
                default -> title;
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ fake upstreams

    /**
     * One fake provider account. {@code limit} requests per {@code window} (windows start when the load starts;
     * refused requests use none of it); every answer says how much is left; past it, 429 with `retry-after`.
     * Then, per request: {@code failShare} of them fail (half 500, half 529 or 503), the rest answer after
     * {@code firstByteMs} with {@code deltas} text deltas {@code gapMs} apart (4 tokens each).
     */
    record Spec(String id, boolean openAi, int limit, Duration window, long firstByteMs, long gapMs, int deltas, double failShare,
                double inputPrice, double outputPrice) {
    }

    static final class Fake implements AutoCloseable {
        private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
        private static final String WORDS = "the tests pass now ";

        final Spec spec;
        private final HttpServer server;
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong inputTokens = new AtomicLong();
        final AtomicLong outputTokens = new AtomicLong();
        private long origin = System.currentTimeMillis();
        private long windowIndex = -1;
        private int used;

        Fake(Spec spec) throws IOException {
            this.spec = spec;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + (spec.openAi ? "/v1" : "");
        }

        /** Forgets what it counted (after a warm-up); the quota's window goes on. */
        void resetCounts() {
            for (AtomicInteger c : List.of(received, answered, refused, failed)) c.set(0);
            inputTokens.set(0);
            outputTokens.set(0);
        }

        /** The quota's windows begin now. */
        synchronized void startWindows() {
            origin = System.currentTimeMillis();
            windowIndex = -1;
        }

        /** Takes one request from the current window: the requests left after it, or -1 when none was left; and the window's end. */
        private synchronized long[] take(long now) {
            long w = spec.window.toMillis();
            long index = Math.floorDiv(now - origin, w);
            if (index != windowIndex) {
                windowIndex = index;
                used = 0;
            }
            long resetAt = origin + (index + 1) * w;
            if (used >= spec.limit) return new long[] {-1, resetAt};
            used++;
            return new long[] {spec.limit - used, resetAt};
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                received.incrementAndGet();
                long now = System.currentTimeMillis();
                long[] quota = take(now);
                long remaining = Math.max(0, quota[0]);
                advertise(ex, remaining, quota[1], now);
                if (quota[0] < 0) {
                    refused.incrementAndGet();
                    ex.getResponseHeaders().set("retry-after", Long.toString(Math.max(1, (quota[1] - now + 999) / 1000)));
                    send(ex, 429, spec.openAi
                            ? "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"
                            : "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}");
                    return;
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextDouble() < spec.failShare) {
                    failed.incrementAndGet();
                    if (random.nextBoolean()) {
                        send(ex, 500, spec.openAi ? "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"
                                : "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}");
                    } else {
                        send(ex, spec.openAi ? 503 : 529, spec.openAi ? "{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"server_error\"}}"
                                : "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
                    }
                    return;
                }
                sleep(TimeUnit.MILLISECONDS, spec.firstByteMs);
                long in = Math.max(1, body.length / 4);
                int out = spec.deltas * 4;
                inputTokens.addAndGet(in);
                outputTokens.addAndGet(out);
                String text = WORDS.repeat(spec.deltas);
                boolean stream = STREAM.matcher(new String(body, 0, Math.min(body.length, 200_000), StandardCharsets.UTF_8)).find();
                if (stream) {
                    ex.getResponseHeaders().set("content-type", "text/event-stream");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream os = ex.getResponseBody();
                    if (spec.openAi) openAiStream(os, in, out);
                    else anthropicStream(os, in, out);
                } else {
                    send(ex, 200, spec.openAi
                            ? "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":" + now / 1000 + ",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                              + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + ",\"total_tokens\":" + (in + out) + "}}"
                            : "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\""
                              + text + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":" + out + "}}");
                }
                answered.incrementAndGet();
            } catch (IOException e) {
                // Baton went away mid-answer (a client gave up): nothing to count
            }
        }

        private void advertise(HttpExchange ex, long remaining, long resetAt, long now) {
            var h = ex.getResponseHeaders();
            if (spec.openAi) { // OpenAI's style: the reset as a Go duration
                h.set("x-ratelimit-limit-requests", Integer.toString(spec.limit));
                h.set("x-ratelimit-remaining-requests", Long.toString(remaining));
                long ms = Math.max(0, resetAt - now);
                h.set("x-ratelimit-reset-requests", ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.3fs", ms / 1000.0));
            } else { // Anthropic's: the reset as an RFC 3339 time
                h.set("anthropic-ratelimit-requests-limit", Integer.toString(spec.limit));
                h.set("anthropic-ratelimit-requests-remaining", Long.toString(remaining));
                h.set("anthropic-ratelimit-requests-reset", Instant.ofEpochMilli(resetAt).toString());
            }
        }

        private void anthropicStream(OutputStream os, long in, int out) throws IOException {
            event(os, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
                    + in + ",\"output_tokens\":1}}}");
            event(os, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            for (int i = 0; i < spec.deltas; i++) {
                if (i > 0) sleep(TimeUnit.MILLISECONDS, spec.gapMs);
                event(os, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + WORDS + "\"}}");
            }
            event(os, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            event(os, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + out + "}}");
            event(os, "message_stop", "{\"type\":\"message_stop\"}");
        }

        private void openAiStream(OutputStream os, long in, int out) throws IOException {
            String head = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":" + System.currentTimeMillis() / 1000 + ",\"model\":\"gpt-4.1\",\"choices\":[";
            data(os, head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
            for (int i = 0; i < spec.deltas; i++) {
                if (i > 0) sleep(TimeUnit.MILLISECONDS, spec.gapMs);
                data(os, head + "{\"index\":0,\"delta\":{\"content\":\"" + WORDS + "\"},\"finish_reason\":null}]}");
            }
            data(os, head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            data(os, head + "],\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + ",\"total_tokens\":" + (in + out) + "}}");
            data(os, "[DONE]");
        }

        private static void event(OutputStream os, String name, String json) throws IOException {
            os.write(("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
            os.flush();
        }

        private static void data(OutputStream os, String json) throws IOException {
            os.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
            os.flush();
        }

        private static void send(HttpExchange ex, int status, String json) throws IOException {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("content-type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ Baton

    /** One Baton, in this JVM, from a generated config file: one group of the given deployments. */
    static final class Baton implements AutoCloseable {
        final Gateway gateway;
        final GatewayServer server;
        final String yaml;

        private Baton(Gateway gateway, GatewayServer server, String yaml) {
            this.gateway = gateway;
            this.server = server;
            this.yaml = yaml;
        }

        /** @param cooldownTime `router_settings.cooldown_time`, or null for the default */
        static Baton start(Path work, String name, List<Fake> fakes, double threshold, Duration cooldownTime) throws Exception {
            Path dir = Files.createDirectories(work.resolve(name));
            StringBuilder y = new StringBuilder("model_list:\n");
            for (Fake f : fakes) {
                Spec s = f.spec;
                y.append("  - model_name: ").append(GROUP).append('\n');
                y.append("    litellm_params: {model: ").append(s.openAi ? "openai/gpt-4.1" : "anthropic/claude-sonnet-4-5-20250929")
                        .append(", api_base: \"").append(f.baseUrl()).append("\", api_key: sk-bench-").append(s.id)
                        .append(", input_cost_per_token: ").append(price(s.inputPrice))
                        .append(", output_cost_per_token: ").append(price(s.outputPrice)).append("}\n");
                y.append("    model_info: {id: ").append(s.id).append("}\n");
            }
            y.append("general_settings:\n  master_key: ").append(MASTER_KEY).append('\n');
            if (cooldownTime != null) y.append("router_settings:\n  cooldown_time: ").append(cooldownTime.toMillis()).append("ms\n");
            y.append("baton:\n  data_dir: \"").append(dir).append("\"\n");
            if (threshold != 0.8) y.append("  routing: {rate_limit_threshold: ").append(fmt(threshold)).append("}\n");
            Path file = dir.resolve("baton.yaml");
            Files.writeString(file, y);
            BatonConfig config = ConfigLoader.load(file, Map.of());
            Gateway gateway = new Gateway(config, null, Map.of());
            return new Baton(gateway, new GatewayServer(gateway, "127.0.0.1", 0).start(), y.toString());
        }

        private static String price(double usdPerToken) {
            return String.format(Locale.ROOT, "%.10f", usdPerToken).replaceAll("0+$", "");
        }

        /** The settings that decide how failures are handled, as this Baton read them. */
        String settings() {
            var r = gateway.config().router();
            return "`cooldown_time` " + r.cooldownTime().toMillis() / 1000.0 + " s, `allowed_fails` " + r.allowedFails()
                    + ", `num_retries` " + r.numRetries() + ", `max_wait` " + gateway.config().baton().maxWait().toMillis() / 1000.0 + " s";
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.port() + path);
        }

        @Override
        public void close() throws Exception {
            server.close();
            gateway.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ load

    /** What the client saw of one request. */
    record Sent(String kind, int status, boolean ok, String deployment, int attempts, long waitedMs, double millis) {
    }

    static final class Load {
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();

        /**
         * Sends {@code n} requests of the mix from {@code concurrency} clients; request i is not sent before
         * i / {@code rate} seconds from the start (0: each client sends its next request as soon as the last ends).
         */
        static List<Sent> run(Baton baton, Mix mix, int n, int concurrency, double rate) throws InterruptedException {
            String[] kinds = Mix.sequence(n);
            Sent[] out = new Sent[n];
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        if (rate > 0) {
                            long due = start + (long) (i * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) sleep(TimeUnit.NANOSECONDS, wait);
                        }
                        out[i] = send(baton, kinds[i], mix.body(kinds[i]));
                    }
                }));
            }
            for (Thread t : clients) t.join();
            return Arrays.asList(out);
        }

        static Sent send(Baton baton, String kind, byte[] body) {
            HttpRequest req = HttpRequest.newBuilder(baton.uri("/v1/messages")).timeout(Duration.ofSeconds(120))
                    .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                    .header("x-api-key", MASTER_KEY)
                    .header("x-claude-code-session-id", UUID.randomUUID().toString()) // measure the strategy, not affinity
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t0) / 1e6;
                String b = r.body();
                boolean ok = r.statusCode() == 200 && (kind.equals("stream")
                        ? b.contains("event: message_stop") && !b.contains("event: error")
                        : b.contains("\"type\":\"message\""));
                return new Sent(kind, r.statusCode(), ok, r.headers().firstValue("x-baton-deployment").orElse(null),
                        r.headers().firstValue("x-baton-attempts").map(Integer::parseInt).orElse(0),
                        r.headers().firstValue("x-baton-wait-ms").map(v -> (long) Double.parseDouble(v)).orElse(0L), ms);
            } catch (IOException e) {
                return new Sent(kind, 0, false, null, 0, 0, (System.nanoTime() - t0) / 1e6);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        static String admin(Baton baton, String method, String path, String json) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(baton.uri(path)).header("authorization", "Bearer " + MASTER_KEY);
            b = json == null ? b.GET() : b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
            return r.body();
        }
    }

    /** Figures over what the client saw. */
    record Seen(int n, int failed, int retried, int waited, double p50, double p95, double p99, Map<String, Integer> servedBy) {
        static Seen of(List<Sent> sent, List<Fake> fakes) {
            double[] ms = sent.stream().mapToDouble(Sent::millis).sorted().toArray();
            Map<String, Integer> by = new LinkedHashMap<>();
            for (Fake f : fakes) by.put(f.spec.id, 0);
            int failed = 0, retried = 0, waited = 0;
            for (Sent s : sent) {
                if (!s.ok) failed++;
                else if (s.deployment != null) by.merge(s.deployment, 1, Integer::sum);
                if (s.attempts > 1) retried++;
                if (s.waitedMs > 0) waited++;
            }
            return new Seen(sent.size(), failed, retried, waited, pct(ms, 50), pct(ms, 95), pct(ms, 99), by);
        }

        static double pct(double[] sorted, double p) {
            if (sorted.length == 0) return Double.NaN;
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }
    }

    /** What one fake upstream saw. */
    record Upstream(Spec spec, int received, int answered, int refused, int failed, double costUsd) {
        static Upstream of(Fake f) {
            return new Upstream(f.spec, f.received.get(), f.answered.get(), f.refused.get(), f.failed.get(),
                    f.inputTokens.get() * f.spec.inputPrice + f.outputTokens.get() * f.spec.outputPrice);
        }
    }

    // ------------------------------------------------------------------------------------------------ the runs

    /**
     * One quota run's settings: the request rate, `rate_limit_threshold` (1 = prediction off), and Baton's
     * `cooldown_time`, either scaled to the bench's short windows (a 5 s window standing for a minute makes LiteLLM's
     * 5 s a 0.42 s cooldown) or left at the default (null).
     */
    record QuotaCase(double rate, double threshold, Duration cooldownTime) {
        static List<QuotaCase> all(Options o) {
            Duration scaled = Duration.ofMillis(Math.round(5000 * o.windowSeconds / 60.0));
            return List.of(new QuotaCase(o.rate, 0.8, scaled), new QuotaCase(o.rate, 1, scaled),
                    new QuotaCase(o.tightRate, 0.8, scaled), new QuotaCase(o.tightRate, 1, scaled),
                    new QuotaCase(o.rate, 0.8, null), new QuotaCase(o.rate, 1, null));
        }

        String name() {
            return "quota-" + fmt(rate) + "-" + fmt(threshold) + (cooldownTime == null ? "-default-cooldown" : "");
        }
    }

    /** {@code requests} requests against four deployments that each allow `limit` requests per window. */
    record QuotaRun(QuotaCase c, List<Upstream> upstreams, Seen seen, double seconds, String settings) {
        static QuotaRun run(Options o, Mix mix, Path work, QuotaCase c) throws Exception {
            Duration w = Duration.ofSeconds(o.windowSeconds);
            List<Fake> fakes = List.of(
                    new Fake(new Spec("anthropic-a", false, o.limit, w, 20, 5, 6, 0, 3e-6, 15e-6)),
                    new Fake(new Spec("openai-b", true, o.limit, w, 20, 5, 6, 0, 2e-6, 8e-6)),
                    new Fake(new Spec("anthropic-c", false, o.limit, w, 20, 5, 6, 0, 3e-6, 15e-6)),
                    new Fake(new Spec("anthropic-d", false, o.limit, w, 20, 5, 6, 0, 3e-6, 15e-6)));
            try (Baton baton = Baton.start(work, c.name() + "-" + System.nanoTime(), fakes, c.threshold, c.cooldownTime)) {
                log(String.format(Locale.ROOT, "quota: %d requests at %s/s, %d clients, rate_limit_threshold %s, %s", o.requests,
                        fmt(c.rate), o.concurrency, fmt(c.threshold), baton.settings()));
                fakes.forEach(Fake::startWindows);
                long t0 = System.nanoTime();
                List<Sent> sent = Load.run(baton, mix, o.requests, o.concurrency, c.rate);
                double seconds = (System.nanoTime() - t0) / 1e9;
                QuotaRun r = new QuotaRun(c, fakes.stream().map(Upstream::of).toList(), Seen.of(sent, fakes), seconds, baton.settings());
                log(String.format(Locale.ROOT, "  429s sent by the upstreams: %d; failed for the client: %d; retried: %d; waited: %d; %.1f s",
                        r.refused(), r.seen.failed, r.seen.retried, r.seen.waited, seconds));
                return r;
            } finally {
                fakes.forEach(Fake::close);
            }
        }

        int refused() {
            return upstreams.stream().mapToInt(Upstream::refused).sum();
        }
    }

    /**
     * A cheap, a fast and a flaky deployment of equal order, one strategy switched on by the admin API. With
     * {@code warmUpWith}, the gateway first serves a tenth of the requests (not counted) under that strategy, so that
     * it has measured every deployment before the switch.
     */
    record StrategyRun(String strategy, String warmUpWith, List<Upstream> upstreams, Seen seen, double seconds, JsonNode learned) {
        static StrategyRun run(Options o, Mix mix, Path work, String strategy, String warmUpWith) throws Exception {
            Duration minute = Duration.ofMinutes(1);
            List<Fake> fakes = List.of(
                    new Fake(new Spec("cheap", false, o.strategyLimit, minute, 150, 30, 10, 0, 0.25e-6, 1.25e-6)),
                    new Fake(new Spec("fast", false, o.strategyLimit, minute, 30, 3, 10, 0, 3e-6, 15e-6)),
                    new Fake(new Spec("flaky", false, o.strategyLimit, minute, 40, 6, 10, 0.3, 1e-6, 5e-6)));
            String name = strategy + (warmUpWith == null ? "" : "-warm");
            try (Baton baton = Baton.start(work, "strategy-" + name, fakes, 0.8, null)) {
                fakes.forEach(Fake::startWindows);
                if (warmUpWith != null) {
                    Load.admin(baton, "POST", "/admin/routing-strategy", "{\"strategy\": \"" + warmUpWith + "\"}");
                    log(String.format(Locale.ROOT, "warming up with %s: %d requests", warmUpWith, o.strategyRequests / 10));
                    Load.run(baton, mix, o.strategyRequests / 10, o.concurrency, 0);
                    fakes.forEach(Fake::resetCounts);
                }
                Load.admin(baton, "POST", "/admin/routing-strategy", "{\"strategy\": \"" + strategy + "\"}");
                log(String.format(Locale.ROOT, "strategy %s: %d requests, %d clients", strategy, o.strategyRequests, o.concurrency));
                long t0 = System.nanoTime();
                List<Sent> sent = Load.run(baton, mix, o.strategyRequests, o.concurrency, 0);
                double seconds = (System.nanoTime() - t0) / 1e9;
                JsonNode learned = JsonMapper.builder().build().readTree(Load.admin(baton, "GET", "/admin/deployments", null));
                StrategyRun r = new StrategyRun(strategy, warmUpWith, fakes.stream().map(Upstream::of).toList(), Seen.of(sent, fakes), seconds, learned);
                log("  served by " + r.seen.servedBy + "; failed for the client: " + r.seen.failed);
                return r;
            } finally {
                fakes.forEach(Fake::close);
            }
        }

        String label() {
            return "`" + strategy + "`" + (warmUpWith == null ? "" : ", after " + "a warm-up under `" + warmUpWith + "`");
        }
    }

    // ------------------------------------------------------------------------------------------------ report

    static final class Report {
        static String markdown(Options o, List<QuotaRun> quota, List<StrategyRun> strategies) {
            StringBuilder m = new StringBuilder();
            m.append("# Routing bench, ").append(LocalDate.now()).append("\n\n");
            m.append("Command: `").append(o.command()).append("` (builds the jar, then runs `java -cp target/baton.jar bench/routing/RoutingBench.java`). ");
            m.append("The fake upstreams and Baton run in one JVM on 127.0.0.1 (").append(System.getProperty("java.vm.name")).append(' ')
                    .append(System.getProperty("java.version")).append(", ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores), a fresh Baton for each run. Every request carries a fresh `x-claude-code-session-id`, so session ")
                    .append("affinity plays no part. Traffic: Claude Code's 83 KB turn, streamed (60 %) or as a whole answer (10 %), and its ")
                    .append("2 KB title request (30 %), in the same order in every run. Baton's failure handling is the default (")
                    .append(quota.stream().filter(q -> q.c.cooldownTime == null).map(QuotaRun::settings).findFirst().orElse("see below"))
                    .append(") unless a table says otherwise.\n\n");
            quotaSection(m, o, quota);
            strategySection(m, o, strategies);
            return m.toString();
        }

        private static void quotaSection(StringBuilder m, Options o, List<QuotaRun> quota) {
            if (quota.isEmpty()) return;
            QuotaRun first = quota.get(0);
            section(m, "429s with and without rate-limit prediction", String.format(Locale.ROOT, """
                    Four deployments in one group, equal `order`, routed by `priority` (the default): `anthropic-a`, `openai-b`,
                    `anthropic-c`, `anthropic-d`. Each allows **%d requests per %d s window**, counted from the start of the run,
                    and says so on every answer: `anthropic-ratelimit-requests-{limit,remaining,reset}` (reset as an RFC 3339 time)
                    or, for `openai-b`, an OpenAI chat-completions upstream, `x-ratelimit-{limit,remaining,reset}-requests` (reset
                    as "1.234s"). Past it, it answers 429 with `retry-after` (whole seconds to the window's end, as Anthropic sends
                    it). %d requests from %d concurrent clients, paced at the rate given; answers take about 50 ms. The short
                    windows stand for minutes: the %s req/s runs with %d requests a minute per deployment, %d times slower, would
                    take %.1f minutes. So Baton's `cooldown_time` is scaled with them: %s instead of LiteLLM's 5 s, which here would be a
                    whole window; the last rows keep the 5 s.""", o.limit, o.windowSeconds, o.requests, o.concurrency,
                    fmt(o.rate), o.limit, 60 / o.windowSeconds, o.requests / o.rate / o.windowSeconds,
                    first.c.cooldownTime == null ? "–" : first.c.cooldownTime.toMillis() + " ms"));
            m.append("| demand | `rate_limit_threshold` | `cooldown_time` | 429s the upstreams sent | failed for the client "
                    + "| needed a second attempt | waited for a cooldown | p50 / p99 ms |");
            for (Upstream u : first.upstreams) m.append(" `").append(u.spec.id).append("` served (429s) |");
            m.append(" seconds |\n|---|---|---|---:|---:|---:|---:|---:|").append("---:|".repeat(first.upstreams.size())).append("---:|\n");
            for (QuotaRun r : quota) {
                m.append(String.format(Locale.ROOT, "| %s req/s (%d %% of the combined quota) | %s | %s | **%d** | %d | %d | %d | %s / %s |",
                        fmt(r.c.rate), Math.round(100 * r.c.rate * o.windowSeconds / (r.upstreams.size() * (double) o.limit)),
                        r.c.threshold >= 1 ? "1 (prediction off)" : fmt(r.c.threshold) + " (default)",
                        r.c.cooldownTime == null ? "5 s (default)" : r.c.cooldownTime.toMillis() + " ms", r.refused(), r.seen.failed,
                        r.seen.retried, r.seen.waited, ms(r.seen.p50), ms(r.seen.p99)));
                for (Upstream u : r.upstreams) m.append(' ').append(u.answered).append(" (").append(u.refused).append(") |");
                m.append(String.format(Locale.ROOT, " %.1f |%n", r.seconds));
            }
            m.append('\n');
        }

        private static void strategySection(StringBuilder m, Options o, List<StrategyRun> strategies) {
            if (strategies.isEmpty()) return;
            StrategyRun first = strategies.get(0);
            section(m, "Where each strategy sends traffic", String.format(Locale.ROOT, """
                    Three deployments in one group, equal `order`, listed in this order: `cheap` ($0.25 / $1.25 per million input /
                    output tokens; first byte after 150 ms, then 10 deltas 30 ms apart), `fast` ($3 / $15; 30 ms, deltas 3 ms
                    apart), `flaky` ($1 / $5; 40 ms, deltas 6 ms apart; 30 %% of its answers are a 500 or a 529, half each). Each
                    allows %,d requests a minute, advertised as above: far more than a run sends, so that quotas do not steer
                    (usage-based routing still sees the share each has used). For each strategy a fresh Baton, switched to it by
                    `POST /admin/routing-strategy`, then %d requests from %d clients back to back. *Served* = the share of requests
                    each deployment answered; *attempts* = what each upstream received, failures in brackets; *cost* = the
                    upstreams' prices × the tokens they served.""", o.strategyLimit, o.strategyRequests, o.concurrency));
            m.append("| strategy |");
            for (Upstream u : first.upstreams) m.append(" served by `").append(u.spec.id).append("` |");
            m.append(" failed for the client | needed a fallback |");
            for (Upstream u : first.upstreams) m.append(" `").append(u.spec.id).append("` attempts (failed) |");
            m.append(" cost per 1,000 requests | p50 / p95 ms |\n|---|");
            m.append("---:|".repeat(first.upstreams.size())).append("---:|---:|").append("---:|".repeat(first.upstreams.size())).append("---:|---:|\n");
            for (StrategyRun r : strategies) {
                m.append("| ").append(r.label()).append(" |");
                for (Upstream u : r.upstreams) m.append(' ').append(share(r.seen.servedBy.get(u.spec.id), r.seen.n)).append(" |");
                m.append(' ').append(r.seen.failed).append(" | ").append(r.seen.retried).append(" |");
                for (Upstream u : r.upstreams) m.append(' ').append(u.received).append(" (").append(u.failed + u.refused).append(") |");
                double cost = r.upstreams.stream().mapToDouble(Upstream::costUsd).sum() * 1000 / r.seen.n;
                m.append(String.format(Locale.ROOT, " $%.2f | %s / %s |%n", cost, ms(r.seen.p50), ms(r.seen.p95)));
            }
            m.append("\nWhat Baton had learned by the end of each run (`GET /admin/deployments`): time to first token, output speed "
                    + "and failure rate (moving averages), state, and the `intelligent` score (which the admin API shows whatever the "
                    + "strategy; – = never measured):\n\n");
            m.append("| strategy | deployment | ttft ms | tokens/s | error rate | state | score |\n|---|---|---:|---:|---:|---|---:|\n");
            for (StrategyRun r : strategies) {
                for (JsonNode d : r.learned.path("deployments")) {
                    JsonNode s = d.path("stats");
                    m.append("| ").append(r.label()).append(" | `").append(d.path("id").asString()).append("` | ")
                            .append(num(s.path("ttft_ms"))).append(" | ").append(num(s.path("tokens_per_second"))).append(" | ")
                            .append(num(s.path("error_rate"))).append(" | ").append(d.path("state").asString()).append(" | ")
                            .append(num(d.path("score"))).append(" |\n");
                }
            }
            m.append('\n');
        }

        private static void section(StringBuilder m, String title, String intro) {
            m.append("## ").append(title).append("\n\n").append(intro).append("\n\n");
        }

        private static String share(Integer count, int n) {
            return String.format(Locale.ROOT, "%.0f %%", 100.0 * (count == null ? 0 : count) / n);
        }

        private static String ms(double v) {
            return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
        }

        private static String num(JsonNode n) {
            if (n == null || n.isNull() || n.isMissingNode()) return "–";
            double v = n.asDouble();
            return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.0f", v);
        }
    }

    static void sleep(TimeUnit unit, long amount) {
        if (amount <= 0) return;
        try {
            unit.sleep(amount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
