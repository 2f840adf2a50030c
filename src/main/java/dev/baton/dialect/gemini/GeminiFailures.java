package dev.baton.dialect.gemini;

import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import dev.baton.dialect.Json;
import dev.baton.provider.ContextOverflow;
import dev.baton.provider.Refusal;
import dev.baton.provider.RateLimitHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Google's error shape, {@code {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED","details":[…]}}}
 * (Vertex wraps it in an array on streaming endpoints), → {@link Failure}. Google puts its wait hint in a
 * {@code google.rpc.RetryInfo} detail ("31s") rather than a header, and reports a bad API key as a 400.
 */
public final class GeminiFailures {
    private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d+(?:\\.\\d+)?)\\s*s", Pattern.CASE_INSENSITIVE);
    private static final int MAX_MESSAGE = 500;

    private GeminiFailures() {
    }

    public static Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        JsonNode error = errorObject(body);
        String googleStatus = error == null ? null : error.path("status").asString(null);
        String message = error == null ? snippet(body) : error.path("message").asString("");
        String detail = "HTTP " + status + (googleStatus == null ? "" : " " + googleStatus)
                + (message == null || message.isEmpty() ? "" : ": " + truncate(message));
        Duration wait = retryDelay(error, message);
        if (wait == null) wait = RateLimitHeaders.waitHint(headers, now);
        return failure(status, googleStatus, message, error, wait, detail);
    }

    /** An error object inside a 200 stream ({@code data: {"error": …}}). */
    public static Failure classifyEvent(JsonNode error) {
        int code = error.path("code").asInt(500);
        String message = error.path("message").asString("");
        String googleStatus = error.path("status").asString(null);
        String detail = "stream error " + code + (googleStatus == null ? "" : " " + googleStatus) + ": " + truncate(message);
        return failure(code, googleStatus, message, error, retryDelay(error, message), detail);
    }

    private static Failure failure(int status, String googleStatus, String message, JsonNode error, Duration wait, String detail) {
        String gs = googleStatus == null ? "" : googleStatus;
        if (status == 429 || gs.equals("RESOURCE_EXHAUSTED")) {
            return new Failure.RateLimited(wait, dailyQuota(error, message) ? RateLimitKind.QUOTA_EXHAUSTED : RateLimitKind.TRANSIENT, detail);
        }
        if (status == 503 || gs.equals("UNAVAILABLE")) return new Failure.Overloaded(wait, detail);
        if (badCredentials(error, message) || gs.equals("UNAUTHENTICATED") || gs.equals("PERMISSION_DENIED")) {
            return new Failure.Misconfigured(status == 400 ? 401 : status, detail);
        }
        if (status == 400 || status == 413) {
            // "User location is not supported", "billing is not enabled": this deployment cannot serve anyone
            if (gs.equals("FAILED_PRECONDITION") && !ContextOverflow.matches(message)) return new Failure.Misconfigured(status, detail);
            return Refusal.of(status, message, detail);
        }
        if (status == 401 || status == 403 || status == 404) return new Failure.Misconfigured(status, detail);
        if (status == 408 || status >= 500) return new Failure.ServerError(status, detail);
        return new Failure.Rejected(status, detail);
    }

    /** {@code google.rpc.RetryInfo.retryDelay} ("31s", "0.5s"), else "Please retry in 31.5s." in the message. */
    static Duration retryDelay(JsonNode error, String message) {
        if (error != null) {
            for (JsonNode d : error.path("details")) {
                if (d.path("@type").asString("").endsWith("google.rpc.RetryInfo")) {
                    Duration delay = seconds(d.path("retryDelay").asString(""));
                    if (delay != null) return delay;
                }
            }
        }
        if (message == null) return null;
        Matcher m = RETRY_IN.matcher(message);
        return m.find() ? Duration.ofMillis((long) Math.ceil(Double.parseDouble(m.group(1)) * 1000)) : null;
    }

    private static Duration seconds(String protoDuration) {
        String s = protoDuration.strip();
        if (!s.endsWith("s")) return null;
        try {
            return Duration.ofMillis((long) Math.ceil(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A per-day quota (free tier's daily requests) lasts until the day resets; per-minute limits clear in seconds. */
    private static boolean dailyQuota(JsonNode error, String message) {
        if (error != null) {
            for (JsonNode d : error.path("details")) {
                for (JsonNode v : d.path("violations")) {
                    if (v.path("quotaId").asString("").contains("PerDay")) return true;
                }
            }
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("per day") || m.contains("daily");
    }

    private static boolean badCredentials(JsonNode error, String message) {
        if (error != null) {
            for (JsonNode d : error.path("details")) {
                String reason = d.path("reason").asString("");
                if (reason.equals("API_KEY_INVALID") || reason.equals("API_KEY_SERVICE_BLOCKED")) return true;
            }
        }
        return message != null && message.contains("API key not valid");
    }

    private static JsonNode errorObject(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root.isArray() && !root.isEmpty()) root = root.get(0);
            JsonNode e = root.get("error");
            return e != null && e.isObject() ? e : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) return null;
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? null : s;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }
}
