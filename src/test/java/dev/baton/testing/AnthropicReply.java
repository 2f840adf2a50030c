package dev.baton.testing;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The assistant turn a {@link FakeAnthropic} answers with: content blocks and a stop reason. */
public record AnthropicReply(List<Block> content, String stopReason) {

    public sealed interface Block {}

    public record Text(String text) implements Block {}

    /** {@code input} is the tool input as a JSON object. */
    public record ToolUse(String id, String name, JsonNode input) implements Block {}

    /** Visible reasoning with the signature the fake issued for it. */
    public record Thinking(String thinking, String signature) implements Block {}

    public AnthropicReply {
        content = List.copyOf(content);
    }

    public static AnthropicReply text(String text) {
        return new AnthropicReply(List.of(new Text(text)), "end_turn");
    }

    /** A tool_use turn; {@code inputJson} must be a JSON object such as {@code {"location":"Paris"}}. */
    public static AnthropicReply toolUse(String id, String name, String inputJson) {
        JsonNode input = Json.parse(inputJson);
        if (!input.isObject()) throw new IllegalArgumentException("tool input must be a JSON object: " + inputJson);
        return new AnthropicReply(List.of(new ToolUse(id, name, input)), "tool_use");
    }

    /** This reply with a thinking block in front. */
    public AnthropicReply withThinking(String thinking, String signature) {
        List<Block> blocks = new java.util.ArrayList<>();
        blocks.add(new Thinking(thinking, signature));
        blocks.addAll(content);
        return new AnthropicReply(blocks, stopReason);
    }

    /** Deterministic stand-in for a token count: about four characters per token. */
    int outputTokens() {
        int chars = 0;
        for (Block block : content) {
            chars += switch (block) {
                case Text t -> t.text().length();
                case ToolUse u -> u.name().length() + Json.write(u.input()).length();
                case Thinking t -> t.thinking().length();
            };
        }
        return Math.max(1, chars / 4);
    }
}
