package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import dev.baton.dialect.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI-style errors → failures, so routing falls back, cools down and honours reset hints (field notes 20, 27). */
class OpenAiFailuresTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static byte[] error(String message, String type, String code) {
        return ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Failure classify(int status, byte[] body, String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) h.put(headers[i], List.of(headers[i + 1]));
        return OpenAiFailures.classify(status, h, body, NOW);
    }

    @Test
    void rateLimitHonoursRetryAfterAndOpenAisResetHeaders() {
        Failure f = classify(429, error("Rate limit reached for requests", "requests", "rate_limit_exceeded"), "retry-after", "20");
        assertThat(f).isInstanceOf(Failure.RateLimited.class);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(((Failure.RateLimited) f).kind()).isEqualTo(RateLimitKind.TRANSIENT);
        Failure tokens = classify(429, error("Rate limit reached for tokens", "tokens", "rate_limit_exceeded"),
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s", "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s");
        assertThat(tokens.retryAfter()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void insufficientQuotaIsAQuotaExhaustion() {
        Failure f = classify(429, error("You exceeded your current quota", "insufficient_quota", "insufficient_quota"));
        assertThat(((Failure.RateLimited) f).kind()).isEqualTo(RateLimitKind.QUOTA_EXHAUSTED);
    }

    @Test
    void serverErrorsAndOverload() {
        assertThat(classify(500, error("The server had an error", "server_error", null))).isEqualTo(new Failure.ServerError(500, "HTTP 500 server_error: The server had an error"));
        assertThat(classify(503, error("The server is overloaded or not ready yet.", "server_error", null))).isInstanceOf(Failure.Overloaded.class);
        assertThat(classify(502, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Failure.ServerError.class);
    }

    /** Field notes 20: every known phrasing of "too long" moves to a larger context. */
    @Test
    void contextOverflowInEveryVendorsWordsIsContextTooLong() {
        assertThat(classify(400, error("This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
                "invalid_request_error", "context_length_exceeded"))).isInstanceOf(Failure.ContextTooLong.class);
        assertThat(classify(413, "{\"error\":{\"code\":\"tokens_limit_reached\",\"message\":\"Request body too large for gpt-4o model. Max size: 8000 tokens.\"}}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(Failure.ContextTooLong.class); // GitHub Models
        assertThat(classify(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 32768 tokens.\",\"type\":\"BadRequestError\",\"code\":400}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(Failure.ContextTooLong.class); // vLLM
    }

    /** Field notes 27: a malformed request is the caller's to see, not a reason to try everything else. */
    @Test
    void aBadRequestIsRejectedAndCredentialsOrModelProblemsAreMisconfigured() {
        assertThat(classify(400, error("Invalid value for 'tool_choice'", "invalid_request_error", null)))
                .isEqualTo(new Failure.Rejected(400, "HTTP 400 invalid_request_error: Invalid value for 'tool_choice'"));
        assertThat(classify(422, "{\"object\":\"error\",\"message\":\"Extra inputs are not permitted\",\"type\":\"invalid_request_error\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Failure.Rejected.class);
        assertThat(classify(401, error("Incorrect API key provided", "invalid_request_error", "invalid_api_key"))).isInstanceOf(Failure.Misconfigured.class);
        assertThat(classify(403, error("Country not supported", "invalid_request_error", null))).isInstanceOf(Failure.Misconfigured.class);
        assertThat(classify(404, error("The model `gpt-9` does not exist", "invalid_request_error", "model_not_found"))).isInstanceOf(Failure.Misconfigured.class);
        assertThat(classify(402, "{\"error\":{\"code\":402,\"message\":\"Insufficient credits\"}}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Failure.Misconfigured.class);
    }

    @Test
    void errorChunksInsideAStreamAreClassifiedByTheirCode() {
        assertThat(OpenAiFailures.classifyEvent(Json.MAPPER.readTree("{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}")))
                .isInstanceOf(Failure.RateLimited.class);
        assertThat(OpenAiFailures.classifyEvent(Json.MAPPER.readTree("{\"error\":{\"message\":\"maximum context length is 8192\",\"type\":\"invalid_request_error\"}}")))
                .isInstanceOf(Failure.ContextTooLong.class);
        assertThat(OpenAiFailures.classifyEvent(Json.MAPPER.readTree("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")))
                .isInstanceOf(Failure.ServerError.class);
    }
}
