package dev.baton.dialect.anthropic;

import dev.baton.dialect.Json;
import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import dev.baton.provider.Refusal;
import dev.baton.provider.RateLimitHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns an Anthropic-format error (HTTP status or in-stream `error` event) into a {@link Failure}. */
public final class AnthropicFailures {
    private static final JsonMapper JSON = Json.MAPPER;

    private AnthropicFailures() {
    }

    public static Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        JsonNode error = errorObject(body);
        String type = error == null ? null : text(error, "type");
        String message = error == null ? snippet(body) : text(error, "message");
        String detail = "HTTP " + status + (type == null ? "" : " " + type) + (message == null || message.isEmpty() ? "" : ": " + message);
        Duration wait = RateLimitHeaders.waitHint(headers, now);
        if (status == 429) {
            boolean quota = RateLimitHeaders.unifiedRejected(headers) || mentionsQuota(message);
            return new Failure.RateLimited(wait, quota ? RateLimitKind.QUOTA_EXHAUSTED : RateLimitKind.TRANSIENT, detail);
        }
        if (status == 529 || "overloaded_error".equals(type)) return new Failure.Overloaded(wait, detail);
        if (status == 413 || status == 400) return Refusal.of(status, message, detail);
        if (status == 401 || status == 403 || status == 404) return new Failure.Misconfigured(status, detail);
        if (status == 408 || status >= 500) return new Failure.ServerError(status, detail);
        return new Failure.Rejected(status, detail);
    }

    /** An `event: error` inside a 200 stream (Anthropic sends overloaded_error this way). */
    public static Failure classifyEvent(String data) {
        JsonNode error = errorObject(data.getBytes(StandardCharsets.UTF_8));
        String type = error == null ? "api_error" : String.valueOf(text(error, "type"));
        String message = error == null ? data : text(error, "message");
        String detail = "stream error " + type + (message == null ? "" : ": " + message);
        return switch (type) {
            case "overloaded_error" -> new Failure.Overloaded(null, detail);
            case "rate_limit_error" -> new Failure.RateLimited(null, mentionsQuota(message) ? RateLimitKind.QUOTA_EXHAUSTED : RateLimitKind.TRANSIENT, detail);
            case "invalid_request_error" -> Refusal.of(400, message, detail);
            default -> new Failure.ServerError(500, detail);
        };
    }

    private static boolean mentionsQuota(String message) {
        if (message == null) return false;
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("usage limit") || m.contains("quota") || m.contains("credit balance");
    }

    private static JsonNode errorObject(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode e = root.get("error");
            return e != null && e.isObject() ? e : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) return null;
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? null : s;
    }
}
