package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Everything Baton refuses itself, refused in Anthropic's shape; the small routes. */
class BadInputTest {
    @TempDir static Path dir;
    static FakeAnthropic fake;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        fake = FakeAnthropic.start("primary");
        gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", fake).anthropic("claude-haiku", "haiku", fake)
                .baton("max_body_mb", "1").baton("body_read_timeout", "2").start();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        fake.close();
    }

    private static void assertAnthropicError(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(Wire.json(r.body()).path("type").asString()).isEqualTo("error");
        assertThat(Wire.errorType(r)).isEqualTo(type);
        assertThat(Wire.errorMessage(r)).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{not json",
            "[1,2]",
            "{\"max_tokens\":5,\"messages\":[]}",
            "{\"model\":\"claude-sonnet\",\"max_tokens\":5}",
            "{\"model\":\"claude-sonnet\",\"messages\":[]}",
            "{\"model\":\"claude-sonnet\",\"max_tokens\":\"5\",\"messages\":[]}",
            "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[],\"stream\":\"yes\"}",
            // invalid JSON past the fields Baton reads: the whole body is checked, not only its head
            "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]",
            "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"a\\qb\"}]}",
            "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"tab\there\"}]}",
            "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\",}]}",
            "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[]} trailing"})
    void invalidBodiesAre400InvalidRequestError(String body) {
        assertAnthropicError(gw.post("/v1/messages", body), 400, "invalid_request_error");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void bodyOverMaxBodyMbIs413() {
        String big = "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(1_200_000) + "\"}]}";
        for (int i = 0; i < 5; i++) { // the client is still sending when Baton knows the answer: it must read it every time
            assertAnthropicError(gw.post("/v1/messages", big), 413, "request_too_large");
        }
    }

    @Test
    void bodyOverMaxBodyMbIsReadAwayBeforeThe413SoAClientStillSendingReadsIt() {
        try (RawHttp c = RawHttp.connect(gw.server.port())) {
            c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1500000\r\n\r\n");
            byte[] piece = "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 15; i++) c.send(piece); // all of it: a read-away body never resets the connection
            RawHttp.Response r = c.response(Duration.ofSeconds(10));
            assertThat(r.status()).isEqualTo(413);
            assertThat(Wire.json(r.body()).path("error").path("message").asString()).contains("baton.max_body_mb");
            assertThat(r.header("connection")).isEqualTo("close");
        }
    }

    @Test
    void anErrorAnsweredBeforeTheBodyIsReadStillReachesAClientThatSendsTheBodyAfterTheHeaders() throws InterruptedException {
        try (RawHttp c = RawHttp.connect(gw.server.port())) { // as the JDK's client does: headers first, the body after them
            c.send("POST /v1/complete HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 300000\r\n\r\n");
            Thread.sleep(200); // the 404 is known now; were the body left unread, the close would reset the answer away
            c.send("x".repeat(300_000));
            RawHttp.Response r = c.response(Duration.ofSeconds(10));
            assertThat(r.status()).isEqualTo(404);
            assertThat(Wire.json(r.body()).path("error").path("type").asString()).isEqualTo("not_found_error");
        }
    }

    @Test
    void aBodyThatStopsComingIs408WhenTheBodyReadTimeoutEndsAndNothingIsHeldForWhatWasDeclared() {
        try (RawHttp c = RawHttp.connect(gw.server.port())) { // the case: 30 MB declared (here 1 MB, the limit), 84 bytes sent
            c.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"
                    + "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hello th");
            RawHttp.Response r = c.response(Duration.ofSeconds(20));
            assertThat(r.status()).isEqualTo(408);
            assertThat(Wire.json(r.body()).path("error").path("type").asString()).isEqualTo("timeout_error");
            assertThat(Wire.json(r.body()).path("error").path("message").asString()).contains("baton.body_read_timeout");
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(c.closedWithin(Duration.ofSeconds(5))).as("the connection is closed after the 408").isTrue();
        }
    }

    @Test
    void aSlowlorisTricklingItsBodyIsCutOffAtTheDeadlineForTheWholeBody() throws InterruptedException {
        try (RawHttp c = RawHttp.connect(gw.server.port())) {
            c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n");
            RawHttp.Response r = null;
            for (int i = 0; i < 200 && r == null; i++) { // a byte every 100 ms keeps any idle timeout at bay
                try {
                    c.send("{");
                } catch (java.io.UncheckedIOException closed) {
                    break;
                }
                Thread.sleep(100);
            }
            r = c.response(Duration.ofSeconds(20));
            assertThat(r.status()).isEqualTo(408);
            assertThat(Wire.json(r.body()).path("error").path("message").asString()).contains("body_read_timeout");
        }
    }

    @Test
    void whatJettyRefusesItselfIsJsonInTheRoutesDialectToo() {
        try (RawHttp c = RawHttp.connect(gw.server.port())) { // a header beyond Jetty's 8 KB
            c.send("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
            RawHttp.Response r = c.response(Duration.ofSeconds(10));
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.header("content-type")).startsWith("application/json");
            assertThat(Wire.json(r.body()).path("type").asString()).isEqualTo("error");
        }
        try (RawHttp c = RawHttp.connect(gw.server.port())) { // a broken chunked body on the OpenAI route
            c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\n{}\r\n0\r\n\r\n");
            RawHttp.Response r = c.response(Duration.ofSeconds(10));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("content-type")).startsWith("application/json");
            assertThat(Wire.json(r.body()).path("error").path("message").isString()).as(r.body()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1/messages/count_tokens", "/v1/messages", "/v1/chat/completions"})
    void invalidUtf8AndLoneSurrogatesAre400OnEveryRoute(String path) {
        int upstreamBefore = fake.requestCount();
        String head = "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"a";
        byte[] prefix = head.getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "b\"}]}".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : new byte[][] {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] body = new byte[prefix.length + bad.length + tail.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(bad, 0, body, prefix.length, bad.length);
            System.arraycopy(tail, 0, body, prefix.length + bad.length, tail.length);
            RawHttp.Response r = RawHttp.exchange(gw.server.port(), "POST", path, java.util.Map.of("content-type", "application/json"), body,
                    Duration.ofSeconds(10));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("UTF-8");
        }
        HttpResponse<String> lone = gw.post(path, head + "\\ud800b\"}]}");
        assertThat(lone.statusCode()).as(lone.body()).isEqualTo(400);
        assertThat(lone.body()).contains("surrogate");
        assertThat(fake.requestCount()).isEqualTo(upstreamBefore);
    }

    /** Issue 11: `max_tokens` of 9223372036854775808 was a 500 here and a 502 that cooled the deployment on Chat Completions. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "max_tokens|9223372036854775808", "max_tokens|1e30", "max_tokens|2147483648", "max_tokens|-0", "max_tokens|\"64\"",
            "max_tokens|1.5", "temperature|1e400", "temperature|\"NaN\"", "temperature|-1", "temperature|[0.5]", "top_p|2",
            "top_p|{}", "top_k|9223372036854775808", "top_k|-1", "top_k|\"40\"", "stop_sequences|\"END\"", "stop_sequences|[5]",
            "thinking|{\"type\":\"enabled\",\"budget_tokens\":1e30}", "thinking|{\"type\":5}", "thinking|[]", "metadata|\"x\"",
            "metadata|{\"user_id\":{}}", "system|5", "tools|{}", "tool_choice|\"auto\"", "output_config|{\"effort\":[]}"})
    void anthropicFieldsThatOverflowOrHaveTheWrongTypeAre400sNamingTheFieldBeforeRouting(String field, String value) {
        String body = "{\"model\":\"claude-sonnet\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\""
                + field + "\":" + value + "}";
        int upstreamBefore = fake.requestCount();
        HttpResponse<String> r = gw.post("/v1/messages", body.replace("\"max_tokens\":5,", field.equals("max_tokens") ? "" : "\"max_tokens\":5,"));
        assertAnthropicError(r, 400, "invalid_request_error");
        assertThat(Wire.errorMessage(r)).startsWith(field);
        assertThat(fake.requestCount()).as("nothing went upstream").isEqualTo(upstreamBefore);
        assertThat(gw.health("primary").lastFailure()).isNull();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "max_tokens|9223372036854775808", "max_tokens|1e30", "max_completion_tokens|2147483648", "max_completion_tokens|0",
            "temperature|3", "temperature|1e400", "top_p|-0.5", "top_k|1e30", "n|9223372036854775808", "n|\"1\"", "stop|5",
            "stop|[\"a\",{}]", "parallel_tool_calls|\"yes\"", "stream_options|[]", "stream_options|{\"include_usage\":\"yes\"}",
            "reasoning_effort|5", "user|{}", "tools|\"Read\"", "tool_choice|5", "response_format|\"json\""})
    void openAiFieldsThatOverflowOrHaveTheWrongTypeAre400sInOpenAisShapeAndCoolNothing(String field, String value) {
        String body = "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"" + field + "\":" + value + "}";
        int upstreamBefore = fake.requestCount();
        HttpResponse<String> r = gw.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = Wire.json(r.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).startsWith(field);
        assertThat(fake.requestCount()).as("nothing went upstream").isEqualTo(upstreamBefore);
        assertThat(gw.state("primary")).isEqualTo(dev.baton.routing.DeploymentHealth.State.HEALTHY);
        assertThat(gw.health("primary").lastFailure()).isNull();
    }

    @Test
    void getOnMessagesIs405() {
        HttpResponse<String> r = gw.get("/v1/messages");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(Wire.json(r.body()).path("type").asString()).isEqualTo("error");
    }

    @Test
    void unknownPathIs404NotFoundError() {
        assertAnthropicError(gw.post("/v1/complete", Wire.message("claude-sonnet", false)), 404, "not_found_error");
        assertAnthropicError(gw.get("/v2/whatever"), 404, "not_found_error");
    }

    @Test
    void healthAndHeadRootAre200() {
        HttpResponse<String> health = gw.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Wire.json(health.body()).path("status").asString()).isEqualTo("healthy");
        assertThat(gw.request("HEAD", "/").statusCode()).isEqualTo(200);
        assertThat(gw.get("/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void modelsListsGroupsInAnthropicShapeWithAnthropicVersion() {
        HttpResponse<String> r = gw.get("/v1/models", "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode root = Wire.json(r.body());
        assertThat(root.path("data")).extracting(n -> n.path("id").asString()).containsExactly("claude-sonnet", "claude-haiku");
        assertThat(root.path("data").get(0).path("type").asString()).isEqualTo("model");
        assertThat(root.path("has_more").asBoolean(true)).isFalse();
        assertThat(root.path("first_id").asString()).isEqualTo("claude-sonnet");
        assertThat(root.path("last_id").asString()).isEqualTo("claude-haiku");
    }

    @Test
    void modelsListsGroupsInOpenAiShapeWithoutAnthropicVersion() {
        HttpResponse<String> r = gw.get("/v1/models");
        JsonNode root = Wire.json(r.body());
        assertThat(root.path("object").asString()).isEqualTo("list");
        assertThat(root.path("data")).extracting(n -> n.path("id").asString()).containsExactly("claude-sonnet", "claude-haiku");
        assertThat(root.path("data").get(0).path("object").asString()).isEqualTo("model");
    }

    @Test
    void emptyBodyIs400() {
        HttpResponse<String> r = gw.send(java.net.http.HttpRequest.newBuilder(gw.uri("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertAnthropicError(r, 400, "invalid_request_error");
    }
}
