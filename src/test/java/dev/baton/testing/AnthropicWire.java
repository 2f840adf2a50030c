package dev.baton.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Anthropic Messages API JSON and SSE shapes, as in Anthropic's API docs. */
final class AnthropicWire {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Deltas per content block, so clients see a text or tool input arrive in several pieces. */
    private static final int PIECES = 3;

    private AnthropicWire() {}

    static String newMessageId() {
        return "msg_" + randomId();
    }

    static String newRequestId() {
        return "req_" + randomId();
    }

    static String errorJson(String type, String message, String requestId) {
        return Json.write(Json.obj("type", "error", "error", Json.obj("type", type, "message", message),
                "request_id", requestId));
    }

    static String message(String id, String model, AnthropicReply reply, int inputTokens) {
        var content = new ArrayList<Object>();
        for (AnthropicReply.Block block : reply.content()) {
            content.add(switch (block) {
                case AnthropicReply.Text t -> Json.obj("type", "text", "text", t.text());
                case AnthropicReply.ToolUse u -> Json.obj("type", "tool_use", "id", u.id(), "name", u.name(), "input", u.input());
                case AnthropicReply.Thinking t -> Json.obj("type", "thinking", "thinking", t.thinking(), "signature", t.signature());
            });
        }
        return Json.write(Json.obj("id", id, "type", "message", "role", "assistant", "model", model,
                "content", content, "stop_reason", reply.stopReason(), "stop_sequence", null,
                "usage", Json.obj("input_tokens", inputTokens, "output_tokens", reply.outputTokens(),
                        "cache_creation_input_tokens", 0, "cache_read_input_tokens", 0)));
    }

    /** message_start, then per block: content_block_start, (ping after the first), deltas, content_block_stop; then message_delta, message_stop. */
    static List<SseEvent> stream(String id, String model, AnthropicReply reply, int inputTokens) {
        var events = new ArrayList<SseEvent>();
        events.add(event("message_start", Json.obj("type", "message_start", "message", Json.obj(
                "id", id, "type", "message", "role", "assistant", "model", model, "content", List.of(),
                "stop_reason", null, "stop_sequence", null,
                "usage", Json.obj("input_tokens", inputTokens, "output_tokens", 1,
                        "cache_creation_input_tokens", 0, "cache_read_input_tokens", 0)))));
        for (int index = 0; index < reply.content().size(); index++) {
            AnthropicReply.Block block = reply.content().get(index);
            events.add(event("content_block_start", Json.obj("type", "content_block_start", "index", index,
                    "content_block", startBlock(block))));
            if (index == 0) events.add(event("ping", Json.obj("type", "ping")));
            for (Map<String, Object> delta : deltas(block)) {
                events.add(event("content_block_delta", Json.obj("type", "content_block_delta", "index", index,
                        "delta", delta)));
            }
            events.add(event("content_block_stop", Json.obj("type", "content_block_stop", "index", index)));
        }
        events.add(event("message_delta", Json.obj("type", "message_delta",
                "delta", Json.obj("stop_reason", reply.stopReason(), "stop_sequence", null),
                "usage", Json.obj("output_tokens", reply.outputTokens()))));
        events.add(event("message_stop", Json.obj("type", "message_stop")));
        return events;
    }

    static SseEvent errorEvent(String type, String message) {
        return event("error", Json.obj("type", "error", "error", Json.obj("type", type, "message", message)));
    }

    private static Map<String, Object> startBlock(AnthropicReply.Block block) {
        return switch (block) {
            case AnthropicReply.Text t -> Json.obj("type", "text", "text", "");
            case AnthropicReply.ToolUse u -> Json.obj("type", "tool_use", "id", u.id(), "name", u.name(), "input", Map.of());
            case AnthropicReply.Thinking t -> Json.obj("type", "thinking", "thinking", "", "signature", "");
        };
    }

    private static List<Map<String, Object>> deltas(AnthropicReply.Block block) {
        return switch (block) {
            case AnthropicReply.Text t ->
                    split(t.text()).stream().map(piece -> Json.obj("type", "text_delta", "text", piece)).toList();
            case AnthropicReply.ToolUse u -> split(Json.write(u.input())).stream()
                    .map(piece -> Json.obj("type", "input_json_delta", "partial_json", piece)).toList();
            case AnthropicReply.Thinking t -> {
                var out = new ArrayList<Map<String, Object>>();
                split(t.thinking()).forEach(piece -> out.add(Json.obj("type", "thinking_delta", "thinking", piece)));
                out.add(Json.obj("type", "signature_delta", "signature", t.signature()));
                yield out;
            }
        };
    }

    /** Up to {@link #PIECES} nearly equal pieces (one piece for short or empty text), never splitting a surrogate pair. */
    static List<String> split(String text) {
        int pieces = Math.max(1, Math.min(PIECES, text.length()));
        var result = new ArrayList<String>();
        int start = 0;
        for (int i = 1; i <= pieces; i++) {
            int end = i == pieces ? text.length() : text.length() * i / pieces;
            if (end > start && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end++;
            if (end > start || (i == pieces && result.isEmpty())) result.add(text.substring(start, end));
            start = Math.max(start, end);
        }
        return result;
    }

    private static SseEvent event(String name, Object data) {
        return new SseEvent(name, Json.write(data));
    }

    private static String randomId() {
        var id = new StringBuilder();
        for (int i = 0; i < 24; i++) id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return id.toString();
    }
}
