package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolIds;
import tools.jackson.databind.node.ObjectNode;

/** Canonical blocks as Anthropic writes them in answers (to callers): tool-use ids restored to what they know. */
final class AnthropicBlocks {
    /** Thinking that came without any signature still needs one in Anthropic's grammar: a Baton one, never Anthropic's. */
    static final String UNSIGNED = ThinkingOrigin.signature("unsigned", "");

    private AnthropicBlocks() {
    }

    static ObjectNode answerBlock(Block b) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        switch (b) {
            case Block.Text t -> o.put("type", "text").put("text", t.text());
            case Block.ToolUse u -> {
                o.put("type", "tool_use").put("id", callerToolId(u.id())).put("name", u.name());
                o.set("input", u.input() != null ? u.input() : Json.MAPPER.createObjectNode());
            }
            case Block.Thinking t -> o.put("type", "thinking").put("thinking", t.text())
                    .put("signature", t.signature() == null || t.signature().isEmpty() ? UNSIGNED : t.signature());
            case Block.RedactedThinking r -> o.put("type", "redacted_thinking").put("data", r.data());
            case Block.Image i -> throw new IllegalArgumentException("models do not answer with images");
            case Block.ToolResult r -> throw new IllegalArgumentException("models do not answer with tool results");
        }
        return o;
    }

    static String callerToolId(String upstreamId) {
        return ToolIds.shared().toCaller(upstreamId, ToolIds.Rule.ANTHROPIC);
    }
}
