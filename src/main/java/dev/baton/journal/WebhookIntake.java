package dev.baton.journal;

import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * `POST /webhook`: a switch reported from outside, for instance by a LiteLLM proxy's alerting:
 * `{"model": "gemini-2.5-pro", "event_type": "fallback"}`, optionally with `from`, `session` and `reason`.
 */
public final class WebhookIntake {
    /** The session of events that came in through the webhook. */
    public static final String SESSION = "webhook";

    private WebhookIntake() {
    }

    /** A body the webhook cannot use; the message says what is wrong (answered as a 400). */
    public static final class InvalidEvent extends RuntimeException {
        InvalidEvent(String message) {
            super(message, null, false, false);
        }
    }

    static SwitchEvent parse(byte[] body, Instant now) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidEvent("webhook body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new InvalidEvent("webhook body must be a JSON object such as {\"model\":\"gemini-2.5-pro\",\"event_type\":\"fallback\"}");
        String model = text(root, "model");
        if (model == null || model.isBlank()) throw new InvalidEvent("model: field required (the model the work moved to)");
        String type = text(root, "event_type");
        String reason = text(root, "reason");
        String why = type == null ? "webhook" : "webhook " + type;
        if (reason != null && !reason.isBlank()) why += ": " + reason;
        String from = text(root, "from");
        String session = text(root, "session");
        return new SwitchEvent(session == null || session.isBlank() ? SESSION : session, model,
                from == null || from.isBlank() ? "unknown" : from, model, model, why, now);
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isString()) throw new InvalidEvent(field + ": must be a string");
        return n.asString();
    }
}
