package dev.baton.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A provider's requests-per-window rate limit, as a fake enforces it: each answer says what is left in its
 * dialect's headers, and a request past the limit gets a 429 with `retry-after` until the window resets.
 */
public final class RequestQuota {
    private final int limit;
    private final Duration window;
    private Instant windowStart;
    private int used;
    private int refused;

    public RequestQuota(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** What one request gets: allowed or not, and the headers that say how much is left. */
    record Verdict(boolean allowed, int remaining, Instant resetAt) {
    }

    synchronized Verdict take(Instant now) {
        if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            used = 0;
        }
        boolean allowed = used < limit;
        if (allowed) used++;
        else refused++;
        return new Verdict(allowed, limit - used, windowStart.plus(window));
    }

    public int limit() {
        return limit;
    }

    /** How many requests it answered with 429. */
    public synchronized int refused() {
        return refused;
    }

    /** OpenAI's headers (Groq, DeepSeek and others use the same). */
    static Map<String, String> openAiHeaders(int limit, int remaining, Duration untilReset) {
        return Map.of("x-ratelimit-limit-requests", Integer.toString(limit), "x-ratelimit-remaining-requests", Integer.toString(remaining),
                "x-ratelimit-reset-requests", Math.max(1, untilReset.toMillis()) + "ms");
    }

    /** Anthropic's headers. */
    static Map<String, String> anthropicHeaders(int limit, int remaining, Instant resetAt) {
        return Map.of("anthropic-ratelimit-requests-limit", Integer.toString(limit), "anthropic-ratelimit-requests-remaining",
                Integer.toString(remaining), "anthropic-ratelimit-requests-reset", resetAt.toString());
    }
}
