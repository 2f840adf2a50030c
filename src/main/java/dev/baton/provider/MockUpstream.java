package dev.baton.provider;

import dev.baton.config.Deployment;
import dev.baton.dialect.anthropic.AnthropicErrors;
import dev.baton.dialect.anthropic.AnthropicResponses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * `mock/<model>`: answers in-process in Anthropic's wire format, like LiteLLM's `mock_response`, with scripted
 * behaviour for demos: `mock_latency_ms`, and `mock_rate_limit_after: N` (then 429s with `mock_retry_after`
 * seconds, for `mock_rate_limit_for` seconds, after which it serves again).
 */
public final class MockUpstream extends AnthropicWireUpstream {
    private final Deployment deployment;
    private final String text;
    private final long latencyMs;
    private final long rateLimitAfter;
    private final long retryAfterSeconds;
    private final long rateLimitForMs;
    private final AtomicLong calls = new AtomicLong();
    private volatile long limitedSinceMs = -1;

    public MockUpstream(Deployment deployment) {
        this.deployment = deployment;
        String response = deployment.param("mock_response");
        this.text = response != null ? response : "This is a mock response from " + deployment.model() + ".";
        this.latencyMs = number("mock_latency_ms", 0);
        this.rateLimitAfter = number("mock_rate_limit_after", -1);
        this.retryAfterSeconds = number("mock_retry_after", 5);
        this.rateLimitForMs = Math.round(decimal("mock_rate_limit_for", -1) * 1000); // fractional seconds count
    }

    @Override
    public boolean countsTokens() {
        return false;
    }

    @Override
    public UpstreamResponse open(UpstreamRequest request) {
        if (latencyMs > 0) sleep(latencyMs);
        if (rateLimited()) {
            byte[] body = AnthropicErrors.body("rate_limit_error", "mock rate limit reached for " + deployment.id());
            return new BufferedResponse(429, Map.of("content-type", List.of("application/json"),
                    "retry-after", List.of(Long.toString(retryAfterSeconds))), body);
        }
        String id = "msg_mock_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        int size = request.body().size();
        int in = Math.max(1, (size >= 0 ? size : request.body().canonical().toString().length()) / 4);
        int out = Math.max(1, text.length() / 4);
        if (request.stream()) {
            return new BufferedResponse(200, Map.of("content-type", List.of("text/event-stream")),
                    AnthropicResponses.stream(id, request.model(), text, in, out));
        }
        return new BufferedResponse(200, Map.of("content-type", List.of("application/json")),
                AnthropicResponses.message(id, request.model(), text, in, out));
    }

    private boolean rateLimited() {
        long n = calls.incrementAndGet();
        if (rateLimitAfter < 0 || n <= rateLimitAfter) return false;
        long now = System.currentTimeMillis();
        if (limitedSinceMs < 0) limitedSinceMs = now;
        return rateLimitForMs < 0 || now - limitedSinceMs < rateLimitForMs;
    }

    private long number(String key, long fallback) {
        return (long) decimal(key, fallback);
    }

    private double decimal(String key, double fallback) {
        String v = deployment.param(key);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("deployment " + deployment.id() + ": " + key + " must be a number, not '" + v + "'");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Duration.ofMillis(ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
