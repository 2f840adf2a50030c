package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.Deployment;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.SseReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MockUpstreamTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Deployment mock(Map<String, Object> params) {
        return new Deployment("g", "mock", "claude-sonnet-4-5", null, null, null, null, null, null,
                Deployment.DEFAULT_ORDER, params, Map.of(), "mock-1", 0);
    }

    private static UpstreamRequest request(Deployment d, boolean stream) {
        ObjectNode body = (ObjectNode) JSON.readTree("{\"model\":\"x\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        Duration t = Duration.ofSeconds(5);
        return new UpstreamRequest(d, "claude-sonnet-4-5", Endpoint.MESSAGES, new dev.baton.dialect.CallerBody(dev.baton.dialect.Wire.ANTHROPIC, body, dev.baton.dialect.anthropic.AnthropicRequestDecoder::decode), stream, CallerContext.NONE, new Timeouts(t, t, t));
    }

    private static byte[] bodyOf(UpstreamResponse r) throws Exception {
        try (var in = r.body()) {
            return in.readAllBytes();
        }
    }

    @Test
    void answersWithTheConfiguredMockResponse() throws Exception {
        Deployment d = mock(Map.of("mock_response", "Hello from the mock"));
        UpstreamResponse r = new MockUpstream(d).open(request(d, false));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonNode msg = JSON.readTree(bodyOf(r));
        assertThat(msg.get("type").asString()).isEqualTo("message");
        assertThat(msg.get("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(msg.get("content").get(0).get("text").asString()).isEqualTo("Hello from the mock");
        assertThat(msg.get("stop_reason").asString()).isEqualTo("end_turn");
    }

    @Test
    void streamsTheDocumentedEventSequence() throws Exception {
        Deployment d = mock(Map.of("mock_response", "one two three"));
        UpstreamResponse r = new MockUpstream(d).open(request(d, true));
        assertThat(r.header("content-type")).isEqualTo("text/event-stream");
        SseReader reader = new SseReader(r.body());
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (SseEvent e; (e = reader.next()) != null; ) {
            names.add(e.event());
            JsonNode data = JSON.readTree(e.data());
            assertThat(data.get("type").asString()).isEqualTo(e.event());
            if (e.event().equals("content_block_delta")) text.append(data.get("delta").get("text").asString());
            if (e.event().equals("message_delta")) assertThat(data.get("delta").get("stop_reason").asString()).isEqualTo("end_turn");
        }
        assertThat(names).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(text).hasToString("one two three");
    }

    @Test
    void rateLimitsAfterNRequestsWithRetryAfter() throws Exception {
        Deployment d = mock(Map.of("mock_rate_limit_after", 2, "mock_retry_after", 3));
        MockUpstream up = new MockUpstream(d);
        assertThat(up.open(request(d, false)).status()).isEqualTo(200);
        assertThat(up.open(request(d, true)).status()).isEqualTo(200);
        UpstreamResponse limited = up.open(request(d, false));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("3");
        JsonNode error = JSON.readTree(bodyOf(limited));
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.get("error").get("type").asString()).isEqualTo("rate_limit_error");
        assertThat(up.open(request(d, false)).status()).as("without rate_limit_for it stays limited").isEqualTo(429);
    }

    @Test
    void servesAgainAfterRateLimitFor() throws Exception {
        Deployment d = mock(Map.of("mock_rate_limit_after", 1, "mock_rate_limit_for", 0.3));
        MockUpstream up = new MockUpstream(d);
        assertThat(up.open(request(d, false)).status()).isEqualTo(200);
        assertThat(up.open(request(d, false)).status()).isEqualTo(429);
        Thread.sleep(400);
        assertThat(up.open(request(d, false)).status()).isEqualTo(200);
    }

    @Test
    void defaultTextNamesTheModel() throws Exception {
        Deployment d = mock(Map.of());
        String body = new String(bodyOf(new MockUpstream(d).open(request(d, false))), StandardCharsets.UTF_8);
        assertThat(body).contains("This is a mock response from claude-sonnet-4-5.");
    }
}
