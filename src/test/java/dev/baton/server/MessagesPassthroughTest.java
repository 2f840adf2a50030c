package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Same-dialect passthrough: the caller's body reaches Anthropic with only `model` rewritten (DESIGN: same dialect passes through). */
class MessagesPassthroughTest {
    /** Fields Baton does not know, as Claude Code adds them every month, next to known ones. */
    private static final String RICH_BODY = """
            {"model":"claude-sonnet","max_tokens":256,"stream":%s,
             "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
             "metadata":{"user_id":"user_abc_account_1_session_0b6c3f1e-1111-2222-3333-444455556666"},
             "thinking":{"type":"enabled","budget_tokens":1024},
             "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},
             "some_future_field":{"nested":[1,2,{"x":true}],"n":1.5}}""";

    @TempDir Path dir;
    FakeAnthropic fake;
    TestGateway gw;

    @BeforeEach
    void start() {
        fake = FakeAnthropic.start("primary");
        gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", fake).start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        fake.close();
    }

    @Test
    void nonStreamingBodyReachesUpstreamWithOnlyModelRewrittenAndUnknownFieldsIntact() {
        String sent = RICH_BODY.formatted("false");
        HttpResponse<String> r = gw.post("/v1/messages", sent, "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Wire.json(r.body()).path("content").get(0).path("text").asString()).isEqualTo("Hello from primary");
        RecordedRequest got = fake.takeRequest();
        assertThat(got.pathWithoutQuery()).isEqualTo("/v1/messages");
        assertThat(got.header("x-api-key")).isEqualTo("sk-test-primary");
        assertThat(got.header("anthropic-version")).isEqualTo("2023-06-01");
        assertOnlyModelRewritten(sent.replace("\"stream\":false", "\"stream\":true"), got); // asked for as a stream
    }

    /** The caller's bytes go upstream as they came, the model's value aside: spacing, key order, escapes, numbers. */
    @Test
    void theCallersBytesReachUpstreamUnchangedButForTheModel() {
        String sent = "{ \"max_tokens\" : 1024,\n  \"model\":\"claude-sonnet\", \"temperature\": 1.50e0, \"messages\":[{\"role\":\"user\","
                + "\"content\":\"caf\\u00e9 \\\"quoted\\\" \\/ 日本\"}], \"x_future_field\": {\"model\": \"not this one\"} }";
        HttpResponse<String> r = gw.post("/v1/messages", sent, "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        String got = fake.takeRequest().body();
        // a whole answer is asked for as a stream (WholeFromStream): `stream` is added before the caller's first field
        assertThat(got).isEqualTo("{\"stream\":true," + sent.substring(1)
                .replace("\"model\":\"claude-sonnet\"", "\"model\":\"" + TestGateway.UPSTREAM_MODEL + "\""));
    }

    @Test
    void streamingBodyReachesUpstreamWithOnlyModelRewrittenAndEventsArriveInOrder() {
        String sent = RICH_BODY.formatted("true");
        HttpResponse<String> r = gw.post("/v1/messages", sent, "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(Wire.types(r.body())).startsWith("message_start", "content_block_start")
                .endsWith("content_block_stop", "message_delta", "message_stop");
        assertThat(Wire.streamedText(r.body())).isEqualTo("Hello from primary");
        assertOnlyModelRewritten(sent, fake.takeRequest());
    }

    @Test
    void streamEventsAreFramedAsSseWithEachEventNamedAsItsDataType() {
        // event: lines and data types agree, blank-line framing intact (ids differ per request, so no byte comparison)
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));
        for (Wire.Event e : Wire.events(r.body())) {
            assertThat(e.json().path("type").asString()).isEqualTo(e.type());
        }
        assertThat(r.body()).contains("event: message_start\ndata: {").endsWith("\n\n");
    }

    @Test
    void betaQueryParameterAsClaudeCodeSendsItIsServed() {
        HttpResponse<String> r = gw.post("/v1/messages?beta=true", Wire.message("claude-sonnet", false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(fake.takeRequest().pathWithoutQuery()).isEqualTo("/v1/messages");

        HttpResponse<String> s = gw.post("/v1/messages?beta=true", Wire.message("claude-sonnet", true));
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(Wire.types(s.body())).contains("message_stop");
    }

    @Test
    void responsesCarryBatonHeaders() {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("primary");
            assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("1");
            assertThat(r.headers().firstValue("x-baton-overhead-ms")).hasValueSatisfying(v -> assertThat(Double.parseDouble(v)).isNotNegative());
            assertThat(r.headers().firstValue("request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
        }
    }

    private static void assertOnlyModelRewritten(String sent, RecordedRequest got) {
        ObjectNode expected = Wire.object(sent);
        ObjectNode received = (ObjectNode) got.json();
        assertThat(received.path("model").asString()).isEqualTo(TestGateway.UPSTREAM_MODEL);
        expected.remove("model");
        received.remove("model");
        assertThat(received).isEqualTo(expected);
    }
}
