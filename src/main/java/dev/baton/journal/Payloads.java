package dev.baton.journal;

import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each channel receives: Discord `{"content": ...}` (mentions disabled, so a model's text cannot ping
 * @everyone), Slack `{"text": ...}`, and for the generic webhook the event's fields as JSON.
 */
final class Payloads {
    private static final int DISCORD_MAX = 1900; // Discord refuses content over 2000 characters

    private Payloads() {
    }

    static byte[] switched(WebhookTarget.Kind kind, SwitchEvent e) {
        if (kind == WebhookTarget.Kind.JSON) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("type", "switch");
            o.put("session", e.session());
            o.put("group", e.group());
            o.put("from", e.from());
            o.put("to", e.to());
            o.put("model", Trailers.model(e));
            o.put("reason", e.reason());
            o.put("time", e.time().toString());
            return Json.MAPPER.writeValueAsBytes(o);
        }
        String text = "Baton: " + (e.group() != null ? e.group() + " " : "") + "switched from " + e.from() + " to " + e.to()
                + (e.toModel() != null && !e.toModel().equals(e.to()) ? " (" + e.toModel() + ")" : "")
                + ": " + e.reason() + " [session " + e.session() + "]";
        return chat(kind, text);
    }

    static byte[] alert(WebhookTarget.Kind kind, String title, String text, Instant time) {
        if (kind == WebhookTarget.Kind.JSON) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("type", "alert");
            o.put("title", title);
            o.put("text", text);
            o.put("time", time.toString());
            return Json.MAPPER.writeValueAsBytes(o);
        }
        String bold = kind == WebhookTarget.Kind.DISCORD ? "**" : "*";
        return chat(kind, bold + "Baton: " + title + bold + "\n" + text);
    }

    private static byte[] chat(WebhookTarget.Kind kind, String text) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (kind == WebhookTarget.Kind.DISCORD) {
            o.put("content", text.length() > DISCORD_MAX ? text.substring(0, DISCORD_MAX) + "…" : text);
            o.putObject("allowed_mentions").putArray("parse");
        } else {
            o.put("text", text);
        }
        return Json.MAPPER.writeValueAsBytes(o);
    }
}
