package dev.baton.usage;

import dev.baton.dialect.anthropic.AnthropicUsage;
import dev.baton.dialect.openai.OpenAiUsage;
import dev.baton.canonical.Usage;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.Json;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.SseEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads token usage from Anthropic responses as they pass through: a whole message's `usage`, or a stream's
 * `message_start` usage merged with each `message_delta`'s cumulative usage (the final one wins, field notes 37).
 * Only those two event types are parsed, and of a whole message only its top-level `usage`, so the tap costs next to
 * nothing on the hot path. The same response streamed or not yields the same {@link Usage} (field notes 36).
 */
public final class UsageTap {
    private Usage usage;

    /**
     * Feed every event of a stream, in order. Anthropic's `message_start` and `message_delta` are parsed, and an OpenAI
     * chunk only when it carries token counts (the final usage chunk); everything else passes unparsed.
     */
    public void onEvent(SseEvent e) {
        String type = e.type();
        if (type.equals("message_start")) {
            JsonNode u = parse(e.data()).path("message").path("usage");
            if (u.isObject()) usage = merge(usage, of(u));
        } else if (type.equals("message_delta")) {
            JsonNode u = parse(e.data()).path("usage");
            if (u.isObject()) usage = merge(usage, of(u));
        } else if (mayCarryOpenAiUsage(type) && e.dataContains("\"prompt_tokens\"")) {
            JsonNode u = parse(e.data()).path("usage");
            if (u.isObject()) usage = merge(usage, of(u));
        }
    }

    /**
     * Whether an event of this type may be an OpenAI chunk with token counts: OpenAI's servers name no events.
     * Anthropic's content blocks and pings, most of a stream, are not searched: looking in them cost 10 µs per
     * 200-event stream.
     */
    private static boolean mayCarryOpenAiUsage(String type) {
        return !type.startsWith("content_block_") && !type.equals("ping");
    }

    /** Usage a translator already decoded (a translated stream's start or finish). */
    public void add(Usage u) {
        if (u != null) usage = merge(usage, u);
    }

    /** The usage so far, or null when the stream carried none. */
    public Usage usage() {
        return usage;
    }

    /** The usage of a whole (non-streamed) message body, or null when it has none or is not JSON. */
    public static Usage ofMessage(byte[] body) {
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("usage")) {
                    JsonNode u = p.readValueAsTree(); // the rest of the body is never read
                    return u.isObject() ? of(u) : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The `usage` of a whole answer already scanned (for its checks), without parsing it again; null when absent. */
    public static Usage ofMessage(JsonFields answer) {
        try {
            JsonNode u = answer.node("usage");
            return u != null && u.isObject() ? of(u) : null;
        } catch (InvalidRequestException e) { // a usage past the parser's limits: not worth failing the answer for
            return null;
        }
    }

    /** A `usage` object in either dialect, read by that dialect's own reader. */
    public static Usage of(JsonNode u) {
        return u.has("prompt_tokens") ? OpenAiUsage.read(u) : AnthropicUsage.read(u);
    }

    private static Usage merge(Usage earlier, Usage later) {
        return earlier == null ? later : earlier.merge(later);
    }

    private static JsonNode parse(String data) {
        try {
            return Json.MAPPER.readTree(data);
        } catch (JacksonException e) {
            return Json.MAPPER.missingNode();
        }
    }
}
