package dev.baton.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Google's error bodies, as Gemini and Vertex send them, → failures that drive fallback (field notes 20, 27, 30, 33). */
class GeminiFailuresTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void resourceExhaustedWaitsForTheRetryInfoDelay() {
        Failure f = classify(429, """
                {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.\\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10\\nPlease retry in 31.518125767s.",
                 "status":"RESOURCE_EXHAUSTED","details":[
                  {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
                  {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"31s"}]}}""");

        assertThat(f).isEqualTo(new Failure.RateLimited(Duration.ofSeconds(31), RateLimitKind.TRANSIENT, ((Failure.RateLimited) f).detail()));
        assertThat(f.detail()).startsWith("HTTP 429 RESOURCE_EXHAUSTED: You exceeded your current quota");
    }

    @Test
    void aDailyQuotaIsExhaustedNotTransientAndTheMessageAloneStillGivesTheWait() {
        Failure f = classify(429, """
                {"error":{"code":429,"message":"Quota exceeded. Please retry in 2.5s.","status":"RESOURCE_EXHAUSTED","details":[
                  {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}}""");

        assertThat(((Failure.RateLimited) f).kind()).isEqualTo(RateLimitKind.QUOTA_EXHAUSTED);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void unavailableIsOverloadAndInternalIsAServerError() {
        assertThat(classify(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}"))
                .isInstanceOf(Failure.Overloaded.class);
        assertThat(classify(500, "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}"))
                .isInstanceOf(Failure.ServerError.class);
        assertThat(classify(504, "{\"error\":{\"code\":504,\"message\":\"Deadline expired.\",\"status\":\"DEADLINE_EXCEEDED\"}}"))
                .isInstanceOf(Failure.ServerError.class);
    }

    @Test
    void contextTooLongInEitherGoogleWordingFallsBackToALargerWindow() {
        assertThat(classify(400, "{\"error\":{\"code\":400,\"message\":\"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).\",\"status\":\"INVALID_ARGUMENT\"}}"))
                .isInstanceOf(Failure.ContextTooLong.class);
        assertThat(classify(400, "[{\"error\":{\"code\":400,\"message\":\"Unable to submit request because the input token count is 1200000 but model only supports up to 1048576. Reduce the input token count and try again.\",\"status\":\"INVALID_ARGUMENT\"}}]"))
                .isInstanceOf(Failure.ContextTooLong.class);
    }

    @Test
    void aBadRequestIsRejectedWithoutFallback() {
        Failure f = classify(400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload received. Unknown name \\\"additionalProperties\\\" at 'tools[0].function_declarations[0].parameters': Cannot find field.\",\"status\":\"INVALID_ARGUMENT\"}}");

        assertThat(f).isInstanceOf(Failure.Rejected.class);
        assertThat(f.fallsBack()).isFalse();
    }

    @Test
    void aBadKeyIsAMisconfiguredDeploymentEvenThoughGoogleSays400() {
        Failure f = classify(400, """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""");

        assertThat(f).isEqualTo(new Failure.Misconfigured(401, f.detail()));
        assertThat(classify(403, "{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers.\",\"status\":\"PERMISSION_DENIED\"}}"))
                .isInstanceOf(Failure.Misconfigured.class);
        assertThat(classify(400, "{\"error\":{\"code\":400,\"message\":\"User location is not supported for the API use.\",\"status\":\"FAILED_PRECONDITION\"}}"))
                .isInstanceOf(Failure.Misconfigured.class);
        assertThat(classify(404, "{\"error\":{\"code\":404,\"message\":\"models/gemini-9 is not found\",\"status\":\"NOT_FOUND\"}}"))
                .isInstanceOf(Failure.Misconfigured.class);
    }

    @Test
    void aBodyThatIsNotGooglesShapeStillClassifiesByStatus() {
        Failure f = classify(502, "<html>Bad Gateway</html>");

        assertThat(f).isInstanceOf(Failure.ServerError.class);
        assertThat(f.detail()).contains("Bad Gateway");
    }

    private static Failure classify(int status, String body) {
        return GeminiFailures.classify(status, Map.<String, List<String>>of(), body.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
