package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.ChildGateway;
import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11's heap items, on `baton serve` in a JVM of its own: with the launcher's heap (160 MB, see `./baton`), a
 * 2 MiB single word and bodies just under the 32 MB limit are answered, and clients declaring 31 MB while sending 84
 * bytes cost next to nothing; with too small a heap for a body, the caller gets JSON in its dialect, never Jetty's
 * HTML page, and the gateway serves on.
 */
class HeapBoundTest {
    private static final String LAUNCHER_HEAP = "160m";

    @TempDir static Path dir;
    static FakeAnthropic anthropic;
    static FakeOpenAi openai;

    @BeforeAll
    static void fakes() {
        anthropic = FakeAnthropic.start("anthropic");
        openai = FakeOpenAi.start("openai");
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        openai.close();
    }

    private static String config(Path data, String... baton) {
        return """
                model_list:
                  - model_name: to-anthropic
                    litellm_params: {model: "anthropic/claude-sonnet-4-5", api_base: "%s", api_key: sk-test}
                  - model_name: to-openai
                    litellm_params: {model: "openai/gpt-4.1", api_base: "%s/v1", api_key: sk-test}
                baton:
                  data_dir: "%s"
                """.formatted(anthropic.baseUrl(), openai.baseUrl(), data) + String.join("", baton);
    }

    private static byte[] oneWordBody(String model, int chars) {
        return ("{\"model\":\"" + model + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + "A".repeat(chars) + "\"}]}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static RawHttp.Response post(ChildGateway gw, String path, byte[] body) {
        return RawHttp.exchange(gw.port(), "POST", path, Map.of("content-type", "application/json"), body, Duration.ofSeconds(60));
    }

    private static void assertJsonError(RawHttp.Response r, String path) {
        assertThat(r.header("content-type")).as(r.body()).startsWith("application/json");
        JsonNode error = Wire.json(r.body());
        if (path.contains("chat/completions")) assertThat(error.path("error").path("message").isString()).as(r.body()).isTrue();
        else assertThat(error.path("type").asString()).as(r.body()).isEqualTo("error");
    }

    @Test
    void onTheLaunchersHeapLongWordsAndBodiesUnderTheLimitAreAnswered() throws Exception {
        Path data = Files.createDirectories(dir.resolve("launcher"));
        try (ChildGateway gw = ChildGateway.start(data, config(data, "  body_read_timeout: 3\n"), LAUNCHER_HEAP)) {
            RawHttp.Response counted = post(gw, "/v1/messages/count_tokens", oneWordBody("to-openai", 2 << 20));
            assertThat(counted.status()).as(counted.body()).isEqualTo(200);
            assertThat(Wire.json(counted.body()).path("input_tokens").asInt()).isGreaterThanOrEqualTo((2 << 20) / 8);
            assertThat(post(gw, "/v1/messages", oneWordBody("to-openai", 2 << 20)).status()).isEqualTo(200);

            byte[] huge = oneWordBody("to-anthropic", 31_000_000);
            for (String path : List.of("/v1/messages/count_tokens", "/v1/messages")) { // counted upstream; estimated for the window
                RawHttp.Response r = post(gw, path, huge);
                assertThat(r.status()).as(path + " " + r.body()).isIn(200, 400);
                if (r.status() == 400) assertJsonError(r, path);
            }

            // clients that declare 31 MB and send 84 bytes: their buffers hold what came, not what was declared
            List<RawHttp> slow = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RawHttp c = RawHttp.connect(gw.port());
                c.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 31000000\r\n\r\n"
                        + "{\"model\":\"to-anthropic\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hello th");
                slow.add(c);
            }
            RawHttp.Response meanwhile = post(gw, "/v1/messages", Wire.message("to-anthropic", false).getBytes(StandardCharsets.UTF_8));
            assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(200);
            for (RawHttp c : slow) {
                try (c) {
                    RawHttp.Response r = c.response(Duration.ofSeconds(30));
                    assertThat(r.status()).isEqualTo(408);
                    assertJsonError(r, "/v1/messages");
                }
            }
            assertThat(gw.alive()).isTrue();
            assertThat(gw.log()).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void aBodyTooLargeForTheHeapIsAnsweredAsJsonInTheCallersDialectAndTheGatewayServesOn() throws Exception {
        Path data = Files.createDirectories(dir.resolve("small"));
        try (ChildGateway gw = ChildGateway.start(data, config(data), "48m")) {
            for (String path : List.of("/v1/messages/count_tokens", "/v1/chat/completions")) {
                RawHttp.Response r = post(gw, path, oneWordBody("to-openai", 31_000_000));
                assertThat(r.status()).as(path + " " + r.body()).isIn(400, 503);
                assertJsonError(r, path);
                if (r.status() == 503) assertThat(r.header("retry-after")).isEqualTo("5");
            }
            assertThat(gw.log()).as("the heap did run out").contains("ran Baton out of memory");
            assertThat(post(gw, "/v1/messages", Wire.message("to-anthropic", false).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        }
    }

    /**
     * Many large turns translated at once on a small heap: once the JVM does little but collect, new bodies get a 503
     * the client retries on, the requests in flight finish, and the gateway serves again. Before, 256 such turns on
     * the launcher's heap left it collecting back to back for good, its watchdog thread killed by OutOfMemoryError.
     */
    @Test
    void aBurstOfLargeTranslatedTurnsIsServedOrRefusedWith503AndTheGatewayRecovers() throws Exception {
        Path data = Files.createDirectories(dir.resolve("burst"));
        byte[] turn = new String(Files.readAllBytes(Path.of("bench/fixtures/cc-request.json")), StandardCharsets.UTF_8)
                .replaceFirst("\"model\"\\s*:\\s*\"[^\"]*\"", "\"model\":\"to-openai\"").getBytes(StandardCharsets.UTF_8);
        try (ChildGateway gw = ChildGateway.start(data, config(data), "64m")) {
            List<Thread> clients = new ArrayList<>();
            java.util.Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
            List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < 192; i++) {
                clients.add(Thread.startVirtualThread(() -> {
                    RawHttp.Response r = post(gw, "/v1/messages", turn);
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() != 200 && r.status() != 503) unexpected.add(r.status() + " " + r.body());
                    else if (r.status() == 503) assertJsonError(r, "/v1/messages");
                }));
            }
            for (Thread t : clients) t.join(Duration.ofSeconds(90));
            assertThat(unexpected).as("statuses " + statuses).isEmpty();
            assertThat(statuses.getOrDefault(200, 0)).as("statuses " + statuses).isPositive();
            RawHttp.Response after = null;
            for (int i = 0; i < 30 && (after == null || after.status() != 200); i++) {
                if (after != null) Thread.sleep(1000);
                after = post(gw, "/v1/messages", turn);
            }
            assertThat(after.status()).as("the gateway serves again: " + after.body()).isEqualTo(200);
            assertThat(gw.alive()).isTrue();
        }
    }
}
