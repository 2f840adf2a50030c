package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicFailuresTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static byte[] error(String type, String message) {
        return ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> headers(String... nameValue) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) h.put(nameValue[i], List.of(nameValue[i + 1]));
        return h;
    }

    private static Failure classify(int status, byte[] body, String... headers) {
        return AnthropicFailures.classify(status, headers(headers), body, NOW);
    }

    @Test
    void plain429IsATransientRateLimitWithItsRetryAfter() {
        Failure f = classify(429, error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"), "retry-after", "17");
        assertThat(f).isEqualTo(new Failure.RateLimited(Duration.ofSeconds(17), RateLimitKind.TRANSIENT, f.detail()));
        assertThat(f.fallsBack()).isTrue();
        assertThat(f.detail()).contains("429").contains("rate_limit_error");
    }

    @Test
    void unifiedStatusRejectedIsAnExhaustedQuotaUntilItsReset() { // field notes 30, 33
        long reset = NOW.getEpochSecond() + 124_633;
        Failure f = classify(429, error("rate_limit_error", "This request would exceed your account's rate limit"),
                "anthropic-ratelimit-unified-status", "rejected", "anthropic-ratelimit-unified-reset", Long.toString(reset));
        assertThat(f).isInstanceOfSatisfying(Failure.RateLimited.class, r -> {
            assertThat(r.kind()).isEqualTo(RateLimitKind.QUOTA_EXHAUSTED);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(124_633));
        });
    }

    @Test
    void usageLimitMessageIsAnExhaustedQuota() {
        Failure f = classify(429, error("rate_limit_error", "Claude AI usage limit reached|1767225600"));
        assertThat(f).isInstanceOfSatisfying(Failure.RateLimited.class, r -> assertThat(r.kind()).isEqualTo(RateLimitKind.QUOTA_EXHAUSTED));
    }

    @Test
    void status529IsOverloaded() {
        assertThat(classify(529, error("overloaded_error", "Overloaded"))).isInstanceOf(Failure.Overloaded.class);
        assertThat(classify(529, new byte[0])).isInstanceOf(Failure.Overloaded.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 400})
    void overloadedErrorTypeIsOverloadedWhateverTheStatus(int status) {
        Failure f = classify(status, error("overloaded_error", "Overloaded"), "retry-after", "4");
        assertThat(f).isInstanceOfSatisfying(Failure.Overloaded.class, o -> assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsFallBack(int status) {
        Failure f = classify(status, error("api_error", "Internal server error"));
        assertThat(f).isEqualTo(new Failure.ServerError(status, f.detail()));
        assertThat(f.fallsBack()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void authAndUnknownModelAreMisconfiguredDeployments(int status) {
        Failure f = classify(status, error("authentication_error", "invalid x-api-key"));
        assertThat(f).isInstanceOfSatisfying(Failure.Misconfigured.class, m -> assertThat(m.status()).isEqualTo(status));
        assertThat(f.fallsBack()).isTrue();
    }

    @Test
    void malformedRequestIsRejectedAndDoesNotFallBack() { // field notes 27
        Failure f = classify(400, error("invalid_request_error", "messages: text content blocks must be non-empty"));
        assertThat(f).isInstanceOfSatisfying(Failure.Rejected.class, r -> assertThat(r.status()).isEqualTo(400));
        assertThat(f.fallsBack()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 413})
    void promptTooLongIsContextTooLongAndFallsBack(int status) { // field notes 20
        Failure f = classify(status, error("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"));
        assertThat(f).isInstanceOf(Failure.ContextTooLong.class);
        assertThat(f.fallsBack()).isTrue();
    }

    @Test
    void contextLimitWithMaxTokensIsContextTooLong() { // field notes 20
        assertThat(classify(400, error("invalid_request_error",
                "input length and `max_tokens` exceed context limit: 190000 + 32000 > 200000, decrease input length or `max_tokens` and try again")))
                .isInstanceOf(Failure.ContextTooLong.class);
    }

    @Test
    void nonJsonBodyIsClassifiedByStatusWithASnippetInTheDetail() {
        byte[] html = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
        Failure f = classify(502, html);
        assertThat(f).isInstanceOf(Failure.ServerError.class);
        assertThat(f.detail()).contains("502 Bad Gateway");
        assertThat(classify(400, "not json at all".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Failure.Rejected.class);
        assertThat(classify(429, "slow down".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Failure.RateLimited.class);
        assertThat(classify(503, null)).isInstanceOf(Failure.ServerError.class);
    }

    @Test
    void streamErrorEventsAreClassifiedByType() { // field notes 24
        assertThat(AnthropicFailures.classifyEvent("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOf(Failure.Overloaded.class);
        assertThat(AnthropicFailures.classifyEvent("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"))
                .isInstanceOfSatisfying(Failure.RateLimited.class, r -> assertThat(r.kind()).isEqualTo(RateLimitKind.TRANSIENT));
        assertThat(AnthropicFailures.classifyEvent("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"usage limit reached\"}}"))
                .isInstanceOfSatisfying(Failure.RateLimited.class, r -> assertThat(r.kind()).isEqualTo(RateLimitKind.QUOTA_EXHAUSTED));
        assertThat(AnthropicFailures.classifyEvent("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 1 > 0\"}}"))
                .isInstanceOf(Failure.ContextTooLong.class);
        assertThat(AnthropicFailures.classifyEvent("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}"))
                .isInstanceOf(Failure.Rejected.class);
        assertThat(AnthropicFailures.classifyEvent("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"))
                .isInstanceOf(Failure.ServerError.class);
        assertThat(AnthropicFailures.classifyEvent("garbage")).isInstanceOf(Failure.ServerError.class);
    }
}
