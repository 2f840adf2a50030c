package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitHeadersTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static Map<String, List<String>> headers(String... nameValue) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) h.put(nameValue[i], List.of(nameValue[i + 1]));
        return h;
    }

    private static Duration hint(String... nameValue) {
        return RateLimitHeaders.waitHint(headers(nameValue), NOW);
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(hint("retry-after", "30")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterAsHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
        assertThat(hint("retry-after", date)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterInThePastMeansNow() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(120).atOffset(ZoneOffset.UTC));
        assertThat(hint("retry-after", date)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterMs() {
        assertThat(hint("retry-after-ms", "1500")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void anthropicLimitAtZeroRemainingWaitsForItsRfc3339Reset() {
        assertThat(hint("anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:45Z")).isEqualTo(Duration.ofSeconds(45));
        assertThat(hint("anthropic-ratelimit-input-tokens-remaining", "0",
                "anthropic-ratelimit-input-tokens-reset", "2026-03-01T14:00:10+02:00")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anthropicLimitWithRequestsLeftIsNoWait() {
        assertThat(hint("anthropic-ratelimit-requests-remaining", "12",
                "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:45Z")).isNull();
    }

    @Test
    void rejectedUnifiedLimitWaitsForItsEpochReset() {
        long reset = NOW.getEpochSecond() + 124_633;
        assertThat(hint("anthropic-ratelimit-unified-status", "rejected",
                "anthropic-ratelimit-unified-reset", Long.toString(reset))).isEqualTo(Duration.ofSeconds(124_633));
        assertThat(hint("anthropic-ratelimit-unified-status", "rejected",
                "anthropic-ratelimit-unified-7d-reset", Long.toString(reset))).isEqualTo(Duration.ofSeconds(124_633));
    }

    @Test
    void quotaWindowRetryAfterOfOneAndAHalfDaysIsKept() { // field notes 30
        assertThat(hint("retry-after", "124633", "anthropic-ratelimit-unified-status", "rejected"))
                .isEqualTo(Duration.ofSeconds(124_633));
    }

    @Test
    void allowedUnifiedLimitResetIsNoWait() {
        assertThat(hint("anthropic-ratelimit-unified-status", "allowed",
                "anthropic-ratelimit-unified-reset", Long.toString(NOW.getEpochSecond() + 3600))).isNull();
    }

    @Test
    void unifiedRejectedRecognisesPerWindowStatusHeaders() {
        assertThat(RateLimitHeaders.unifiedRejected(headers("anthropic-ratelimit-unified-7d-status", "rejected"))).isTrue();
        assertThat(RateLimitHeaders.unifiedRejected(headers("anthropic-ratelimit-unified-status", "allowed_warning"))).isFalse();
        assertThat(RateLimitHeaders.unifiedRejected(headers())).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({"6m0s, 360000", "1s, 1000", "20ms, 20", "1h2m3s, 3723000", "1.5s, 1500", "0s, 0"})
    void openAiResetDurations(String value, long millis) {
        assertThat(hint("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", value)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void openAiResetCountsOnlyForAnExhaustedLimit() {
        assertThat(hint("x-ratelimit-remaining-tokens", "100", "x-ratelimit-reset-tokens", "6m0s")).isNull();
        assertThat(hint("x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s")).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void theLongestHintWins() {
        assertThat(hint("retry-after", "10",
                "retry-after-ms", "2000",
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s",
                "anthropic-ratelimit-tokens-remaining", "0", "anthropic-ratelimit-tokens-reset", "2026-03-01T12:01:00Z"))
                .isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void noHintIsNull() {
        assertThat(hint()).isNull();
        assertThat(hint("content-type", "application/json")).isNull();
        assertThat(hint("retry-after", "soon")).isNull();
    }
}
