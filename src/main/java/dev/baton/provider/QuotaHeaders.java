package dev.baton.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much of its rate-limit windows a provider says an account has used, from any answer: Anthropic's
 * `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}` and subscription
 * `anthropic-ratelimit-unified-*-utilization`, OpenAI's (and Groq's, DeepSeek's...) `x-ratelimit-{limit,remaining,
 * reset}-{requests,tokens}`, and OpenRouter's `x-ratelimit-{limit,remaining,reset}`. The fullest window counts.
 */
public final class QuotaHeaders {
    private QuotaHeaders() {
    }

    /** @param used the share of the fullest window used, 0 to 1; @param resetAt when that window resets */
    public record Reading(double used, Instant resetAt) {
    }

    public static Optional<Reading> read(Map<String, List<String>> headers, Instant now) {
        Reading best = null;
        for (String name : headers.keySet()) {
            Reading r = null;
            if (name.startsWith("anthropic-ratelimit-unified-") && name.endsWith("-utilization")) {
                String window = name.substring(0, name.length() - "-utilization".length());
                r = utilization(RateLimitHeaders.first(headers, name), RateLimitHeaders.epochSeconds(RateLimitHeaders.first(headers, window + "-reset"), now), now);
            } else if (name.startsWith("anthropic-ratelimit-") && name.endsWith("-remaining")) {
                String kind = name.substring(0, name.length() - "-remaining".length());
                r = fraction(headers, name, kind + "-limit", RateLimitHeaders.rfc3339(RateLimitHeaders.first(headers, kind + "-reset"), now), now);
            } else if (name.startsWith("x-ratelimit-remaining-")) {
                String kind = name.substring("x-ratelimit-remaining-".length());
                r = fraction(headers, name, "x-ratelimit-limit-" + kind, RateLimitHeaders.goDuration(RateLimitHeaders.first(headers, "x-ratelimit-reset-" + kind)), now);
            } else if (name.equals("x-ratelimit-remaining")) {
                r = fraction(headers, name, "x-ratelimit-limit", epochMillis(RateLimitHeaders.first(headers, "x-ratelimit-reset"), now), now);
            }
            if (r != null && (best == null || r.used() > best.used())) best = r;
        }
        return Optional.ofNullable(best);
    }

    private static Reading fraction(Map<String, List<String>> headers, String remainingHeader, String limitHeader, Duration reset, Instant now) {
        Double remaining = number(RateLimitHeaders.first(headers, remainingHeader));
        Double limit = number(RateLimitHeaders.first(headers, limitHeader));
        if (remaining == null || limit == null || limit <= 0 || reset == null) return null;
        return new Reading(Math.max(0, Math.min(1, 1 - remaining / limit)), now.plus(reset));
    }

    /** A utilization of 0.42, or 42 meaning per cent. */
    private static Reading utilization(String value, Duration reset, Instant now) {
        Double u = number(value);
        if (u == null || reset == null) return null;
        return new Reading(Math.max(0, Math.min(1, u > 1 ? u / 100 : u)), now.plus(reset));
    }

    private static Duration epochMillis(String value, Instant now) {
        Double ms = number(value);
        if (ms == null) return null;
        Duration d = Duration.between(now, Instant.ofEpochMilli(ms.longValue()));
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Double number(String value) {
        if (value == null) return null;
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
