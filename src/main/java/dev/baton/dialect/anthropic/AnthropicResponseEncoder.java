package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.dialect.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link ChatResponse} → an Anthropic message, for Anthropic callers served by other dialects. */
public final class AnthropicResponseEncoder {
    private AnthropicResponseEncoder() {
    }

    public static ObjectNode encode(ChatResponse r, String model) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("id", r.id().startsWith("msg_") ? r.id() : "msg_" + r.id());
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        ArrayNode content = m.putArray("content");
        for (Block b : r.content()) {
            if (b instanceof Block.Text t && t.isBlank()) continue; // field notes 11
            content.add(AnthropicBlocks.answerBlock(b));
        }
        m.put("stop_reason", r.stopReason().wire());
        if (r.stopSequence() != null) m.put("stop_sequence", r.stopSequence());
        else m.putNull("stop_sequence");
        AnthropicUsage.write(r.usage(), m.putObject("usage"));
        return m;
    }
}
