package dev.baton.dialect.openai;

import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import dev.baton.dialect.Json;
import dev.baton.provider.ContentPolicy;
import dev.baton.provider.ContextOverflow;
import dev.baton.provider.Refusal;
import dev.baton.provider.RateLimitHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns an OpenAI-style error (HTTP status, or an `{"error": ...}` chunk inside a stream) into a {@link Failure}.
 * Compatible servers shape errors differently (`{"error": {...}}`, `{"error": "..."}`, `{"object": "error", ...}`,
 * `{"detail": "..."}`), so the message and code are looked for in each.
 */
public final class OpenAiFailures {
    private static final Set<String> CONTEXT_CODES = Set.of("context_length_exceeded", "tokens_limit_reached", "string_above_max_length");
    private static final Set<String> QUOTA_CODES = Set.of("insufficient_quota", "billing_hard_limit_reached");

    private OpenAiFailures() {
    }

    public static Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        JsonNode root = parse(body);
        String message = message(root, body);
        String code = code(root);
        String detail = "HTTP " + status + (code == null ? "" : " " + code) + (message == null || message.isEmpty() ? "" : ": " + message);
        Duration wait = RateLimitHeaders.waitHint(headers, now);
        if (status == 429) return new Failure.RateLimited(wait, quota(code, message) ? RateLimitKind.QUOTA_EXHAUSTED : RateLimitKind.TRANSIENT, detail);
        if (status == 503 || status == 529 || mentions(code, "overloaded")) return new Failure.Overloaded(wait, detail);
        if (status == 400 || status == 413 || status == 422) {
            return context(code, message) ? new Failure.ContextTooLong(detail) : Refusal.of(status, code + " " + message, detail);
        }
        if (status == 401 || status == 402 || status == 403 || status == 404) return new Failure.Misconfigured(status, detail);
        if (status == 408 || status >= 500) return new Failure.ServerError(status, detail);
        return new Failure.Rejected(status, detail);
    }

    /** An error reported inside a 200 stream (or a 200 body): `{"error": {...}}`. */
    public static Failure classifyEvent(JsonNode root) {
        String message = message(root, null);
        String code = code(root);
        int status = root.path("error").path("code").isInt() ? root.path("error").path("code").asInt() : 0;
        String detail = "stream error" + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
        if (status == 429 || mentions(code, "rate_limit") || code != null && (code.equals("requests") || code.equals("tokens"))) {
            return new Failure.RateLimited(null, quota(code, message) ? RateLimitKind.QUOTA_EXHAUSTED : RateLimitKind.TRANSIENT, detail);
        }
        if (status == 503 || status == 529 || mentions(code, "overloaded") || mentions(message, "overloaded")) return new Failure.Overloaded(null, detail);
        if (context(code, message)) return new Failure.ContextTooLong(detail);
        if (status == 400 || mentions(code, "invalid_request") || ContentPolicy.matches(code + " " + message)) {
            return Refusal.of(400, code + " " + message, detail);
        }
        return new Failure.ServerError(status >= 500 ? status : 500, detail);
    }

    private static boolean context(String code, String message) {
        return code != null && CONTEXT_CODES.contains(code) || ContextOverflow.matches(message);
    }

    private static boolean quota(String code, String message) {
        if (code != null && QUOTA_CODES.contains(code)) return true;
        return mentions(message, "quota") || mentions(message, "credits") || mentions(message, "billing");
    }

    private static boolean mentions(String s, String what) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(what);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String message(JsonNode root, byte[] body) {
        if (root != null && root.isObject()) {
            JsonNode e = root.get("error");
            if (e != null && e.isObject() && e.path("message").isString()) return e.get("message").asString();
            if (e != null && e.isString()) return e.asString();
            if (root.path("message").isString()) return root.get("message").asString();
            if (root.path("detail").isString()) return root.get("detail").asString();
        }
        if (body == null || body.length == 0) return null;
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? null : s;
    }

    /** The error's code, else its type (both are strings in OpenAI's shape; OpenRouter's code is the HTTP status). */
    private static String code(JsonNode root) {
        if (root == null || !root.isObject()) return null;
        JsonNode e = root.get("error") != null && root.get("error").isObject() ? root.get("error") : root;
        if (e.path("code").isString() && !e.get("code").asString().isEmpty()) return e.get("code").asString();
        if (e.path("type").isString() && !e.get("type").asString().isEmpty()) return e.get("type").asString();
        return null;
    }
}
