package dev.baton.server;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.config.Deployment;
import dev.baton.routing.DeploymentHealth;
import dev.baton.store.UsageRecord;
import dev.baton.store.UsageStore;
import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.FakeOpenAi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Baton running in-process on a free port, from a LiteLLM-format YAML written to a temp dir, plus clients to talk
 * to it over real HTTP: {@link java.net.http.HttpClient} for wire checks and the official Anthropic SDK.
 *
 * <pre>{@code
 * try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", fake).start()) {
 *     HttpResponse<String> r = gw.post("/v1/messages", Bodies.message("claude-sonnet", false));
 * }
 * }</pre>
 */
final class TestGateway implements AutoCloseable {
    /** The model id deployments built by {@link Builder#anthropic} ask their upstream for. */
    static final String UPSTREAM_MODEL = "claude-sonnet-4-5-20250929";
    /** The model id deployments built by {@link Builder#openai} ask their upstream for. */
    static final String OPENAI_MODEL = "gpt-4.1";

    final Gateway gateway;
    final GatewayServer server;
    final String yaml;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(Gateway gateway, GatewayServer server, String yaml) {
        this.gateway = gateway;
        this.server = server;
        this.yaml = yaml;
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** POST with a JSON body; headers as name, value pairs. */
    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(b, headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET(), headers);
    }

    HttpResponse<String> request(String method, String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    /** The official SDK pointed at Baton, with its own retries off so tests see Baton's behaviour. */
    AnthropicClient sdk(String apiKey) {
        return AnthropicOkHttpClient.builder().baseUrl(baseUrl()).apiKey(apiKey).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** The official OpenAI SDK pointed at Baton's `/v1`. */
    OpenAIClient openAiSdk(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(apiKey).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    AnthropicClient sdk() {
        return sdk("sk-client-unused");
    }

    /** The newest {@code n} usage records, oldest first, once the writer has written that many. */
    List<UsageRecord> records(int n) {
        UsageStore store = gateway.metering().store();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.count() >= n);
        List<UsageRecord> newestFirst = new ArrayList<>(store.latest(n));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    Deployment deployment(String id) {
        return gateway.config().modelList().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no deployment " + id));
    }

    DeploymentHealth health(String id) {
        return gateway.engine().health().of(deployment(id));
    }

    DeploymentHealth.State state(String id) {
        return health(id).state(Instant.now());
    }

    @Override
    public void close() throws Exception {
        // Idle keep-alive connections would hold Jetty's graceful stop for a second.
        http.shutdownNow();
        try {
            server.close();
        } finally {
            gateway.close();
        }
    }

    static final class Builder {
        private final Path dir;
        private final List<String> deployments = new ArrayList<>();
        private final Map<String, String> router = new LinkedHashMap<>();
        private final Map<String, String> baton = new LinkedHashMap<>();
        private final Map<String, String> general = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String masterKey;

        private Builder(Path dir) {
            this.dir = dir;
            // Tests watch Baton decide, so it never waits for a cooled deployment unless a test asks it to.
            router.put("num_retries", "0");
            baton.put("connect_timeout", "1");
            baton.put("first_byte_timeout", "2");
            baton.put("idle_timeout", "2");
            baton.put("request_timeout", "20");
            baton.put("ping_interval", "30");
            baton.put("data_dir", "\"" + dir + "\""); // usage records in the test's own SQLite file
            baton.put("usage", "{flush_interval: 20ms}"); // records land at once, so tests need not wait
        }

        /** `anthropic/claude-sonnet-4-5-20250929` at the fake, with key `sk-test-<id>`. */
        Builder anthropic(String group, String id, FakeAnthropic fake, String... extraParams) {
            return deployment(group, id, "anthropic/" + UPSTREAM_MODEL, fake.baseUrl(), "sk-test-" + id, extraParams);
        }

        /**
         * Any deployment; {@code extraParams} are YAML lines added to litellm_params, e.g.
         * {@code "allowed_betas: [interleaved-thinking]"}. A null apiBase or apiKey leaves the key out.
         */
        Builder deployment(String group, String id, String model, String apiBase, String apiKey, String... extraParams) {
            StringBuilder y = new StringBuilder();
            y.append("  - model_name: \"").append(group).append("\"\n");
            y.append("    litellm_params:\n");
            y.append("      model: \"").append(model).append("\"\n");
            if (apiBase != null) y.append("      api_base: ").append(apiBase).append('\n');
            if (apiKey != null) y.append("      api_key: ").append(apiKey).append('\n');
            for (String p : extraParams) y.append("      ").append(p).append('\n');
            y.append("    model_info:\n      id: ").append(id).append('\n');
            deployments.add(y.toString());
            return this;
        }

        /** `openai/gpt-4.1` at the fake OpenAI-compatible server, with key `sk-test-<id>`. */
        Builder openai(String group, String id, FakeOpenAi fake, String... extraParams) {
            return deployment(group, id, "openai/" + OPENAI_MODEL, fake.baseUrl() + "/v1", "sk-test-" + id, extraParams);
        }

        Builder mock(String group, String id) {
            return deployment(group, id, "mock/claude-mock", null, null);
        }

        /** A `router_settings` key with its YAML value, e.g. {@code router("cooldown_time", "2")}. */
        Builder router(String key, String yamlValue) {
            router.put(key, yamlValue);
            return this;
        }

        /** A `baton:` key with its YAML value, e.g. {@code baton("ping_interval", "1")}. */
        Builder baton(String key, String yamlValue) {
            baton.put(key, yamlValue);
            return this;
        }

        /** A `general_settings` key with its YAML value, e.g. {@code general("database_url", url)}. */
        Builder general(String key, String yamlValue) {
            general.put(key, yamlValue);
            return this;
        }

        /** A variable of the gateway's environment (an embedded gateway reads no other), e.g. {@code env("UI_PASSWORD", "pw")}. */
        Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Builder masterKey(String key) {
            this.masterKey = key;
            return this;
        }

        TestGateway start() {
            StringBuilder y = new StringBuilder("model_list:\n");
            deployments.forEach(y::append);
            y.append("router_settings:\n");
            router.forEach((k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
            y.append("baton:\n");
            baton.forEach((k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
            if (masterKey != null) general.put("master_key", masterKey);
            if (!general.isEmpty()) y.append("general_settings:\n");
            general.forEach((k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
            String yaml = y.toString();
            try {
                Path file = Files.createTempFile(dir, "baton", ".yaml");
                Files.writeString(file, yaml);
                BatonConfig config = ConfigLoader.load(file, Map.of());
                Gateway gateway = new Gateway(config, null, Map.copyOf(env));
                GatewayServer server = new GatewayServer(gateway, "127.0.0.1", 0).start();
                return new TestGateway(gateway, server, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start Baton with\n" + yaml, e);
            }
        }
    }
}
