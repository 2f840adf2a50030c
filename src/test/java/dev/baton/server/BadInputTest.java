package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
                .baton("max_body_mb", "1").start();
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
        assertAnthropicError(gw.post("/v1/messages", big), 413, "request_too_large");
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
