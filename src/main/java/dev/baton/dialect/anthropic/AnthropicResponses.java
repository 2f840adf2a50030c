package dev.baton.dialect.anthropic;

import dev.baton.dialect.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds Anthropic Messages responses (JSON and the SSE event sequence) for answers Baton makes itself. */
public final class AnthropicResponses {
    private static final JsonMapper JSON = Json.MAPPER;

    private AnthropicResponses() {
    }

    public static byte[] message(String id, String model, String text, int inputTokens, int outputTokens) {
        ObjectNode m = skeleton(id, model, inputTokens, outputTokens);
        m.putArray("content").addObject().put("type", "text").put("text", text);
        m.put("stop_reason", "end_turn");
        return JSON.writeValueAsBytes(m);
    }

    /** The documented event order: message_start, content_block_start, ping, deltas, content_block_stop, message_delta, message_stop. */
    public static byte[] stream(String id, String model, String text, int inputTokens, int outputTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectNode message = skeleton(id, model, inputTokens, 1);
        message.putArray("content");
        event(out, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", message));
        ObjectNode start = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        start.putObject("content_block").put("type", "text").put("text", "");
        event(out, "content_block_start", start);
        event(out, "ping", JSON.createObjectNode().put("type", "ping"));
        for (String piece : pieces(text)) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            event(out, "content_block_delta", delta);
        }
        event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
        md.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        md.putObject("usage").put("output_tokens", outputTokens);
        event(out, "message_delta", md);
        event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        return out.toByteArray();
    }

    private static ObjectNode skeleton(String id, String model, int inputTokens, int outputTokens) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        ObjectNode usage = m.putObject("usage");
        usage.put("input_tokens", inputTokens).put("output_tokens", outputTokens)
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
        return m;
    }

    private static String[] pieces(String text) {
        return text.isEmpty() ? new String[0] : text.split("(?<= )");
    }

    private static void event(ByteArrayOutputStream out, String name, ObjectNode data) {
        out.writeBytes(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(JSON.writeValueAsBytes(data));
        out.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
    }
}
