package dev.baton.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a provider wants us to stay away: `retry-after` (seconds or HTTP date), Anthropic's
 * `anthropic-ratelimit-*-reset` for limits whose `-remaining` is 0 (RFC 3339) and its unified subscription limits
 * (`anthropic-ratelimit-unified-*-reset`, epoch seconds), and OpenAI's `x-ratelimit-reset-*` ("1s", "6m0s", "20ms").
 * The longest wins: a 7-day quota window must not be retried after a short local backoff.
 */
public final class RateLimitHeaders {
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RateLimitHeaders() {
    }

    /** The longest wait any header asks for, or null when none says. */
    public static Duration waitHint(Map<String, List<String>> headers, Instant now) {
        Duration best = null;
        best = max(best, retryAfter(first(headers, "retry-after"), now));
        best = max(best, retryAfterMs(first(headers, "retry-after-ms")));
        if (unifiedRejected(headers)) {
            for (String name : headers.keySet()) {
                if (name.startsWith("anthropic-ratelimit-unified") && name.endsWith("-reset")) {
                    best = max(best, epochSeconds(first(headers, name), now));
                }
            }
        }
        for (String name : headers.keySet()) {
            if (name.startsWith("anthropic-ratelimit-") && !name.startsWith("anthropic-ratelimit-unified")
                    && name.endsWith("-remaining") && "0".equals(first(headers, name))) {
                String reset = name.substring(0, name.length() - "-remaining".length()) + "-reset";
                best = max(best, rfc3339(first(headers, reset), now));
            }
            if (name.startsWith("x-ratelimit-remaining-") && "0".equals(first(headers, name))) {
                best = max(best, goDuration(first(headers, "x-ratelimit-reset-" + name.substring("x-ratelimit-remaining-".length()))));
            }
        }
        return best;
    }

    /** Anthropic says the account's subscription quota is used up (not a per-minute limit). */
    public static boolean unifiedRejected(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("anthropic-ratelimit-unified") && name.endsWith("status")
                    && !e.getValue().isEmpty() && "rejected".equalsIgnoreCase(e.getValue().get(0))) {
                return true;
            }
        }
        return false;
    }

    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return positive(Duration.between(now, at));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static Duration retryAfterMs(String value) {
        if (value == null) return null;
        try {
            return Duration.ofMillis((long) Math.ceil(Double.parseDouble(value.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Duration epochSeconds(String value, Instant now) {
        if (value == null) return null;
        try {
            return positive(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return rfc3339(value, now);
        }
    }

    static Duration rfc3339(String value, Instant now) {
        if (value == null) return null;
        try {
            return positive(Duration.between(now, OffsetDateTime.parse(value.trim()).toInstant()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Duration goDuration(String value) {
        if (value == null) return null;
        Matcher m = GO_DURATION.matcher(value.trim());
        long millis = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            double n = Double.parseDouble(m.group(1));
            millis += (long) switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
        }
        return any ? Duration.ofMillis(millis) : null;
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration max(Duration a, Duration b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
