package dev.baton.server;

import dev.baton.dialect.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The session a request belongs to: Claude Code's `X-Claude-Code-Session-Id` header, else the session inside
 * `metadata.user_id` (older Claude Code: `user_<hash>_account_<uuid>_session_<uuid>`; newer: a JSON string with
 * `session_id`), else the caller's key, else "anonymous".
 */
final class SessionId {
    private static final Pattern IN_USER_ID = Pattern.compile("session_([0-9a-fA-F-]{8,})");
    private static final JsonMapper JSON = Json.MAPPER;

    /** user_id → session ("" for none): a session sends the same user_id on every request. */
    private static final Map<String, String> BY_USER_ID = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 4096;

    private SessionId() {
    }

    private static String inUserId(String u) {
        if (u.startsWith("{")) {
            try {
                JsonNode parsed = JSON.readTree(u);
                if (parsed.path("session_id").isString()) return parsed.get("session_id").asString();
            } catch (RuntimeException notJson) {
                // fall through to the pattern
            }
        }
        Matcher m = IN_USER_ID.matcher(u);
        return m.find() ? m.group(1) : "";
    }

    /** @param metadata the body's top-level `metadata`, or null */
    static String of(String header, JsonNode metadata, Caller caller) {
        if (header != null && !header.isBlank()) return header.strip();
        JsonNode userId = metadata == null ? tools.jackson.databind.node.MissingNode.getInstance() : metadata.path("user_id");
        if (userId.isString()) {
            String session = BY_USER_ID.computeIfAbsent(userId.asString(), SessionId::inUserId);
            if (BY_USER_ID.size() > MAX_REMEMBERED) BY_USER_ID.clear(); // bounded: callers choose the values
            if (!session.isEmpty()) return session;
        }
        if (caller.identity() != null) return "key-" + caller.identity();
        return "anonymous";
    }
}
