package dev.baton.testing;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The model turn a {@link FakeGemini} answers with: parts in order and a finish reason. */
public record GeminiReply(List<Part> parts, String finishReason) {

    public sealed interface Part {}

    public record Text(String text) implements Part {}

    /** A {@code thought: true} part (only sent when the request asked for {@code includeThoughts}). */
    public record Thought(String text) implements Part {}

    /** A function call; {@code args} is a JSON object. Gemini sends no id. */
    public record Call(String name, JsonNode args) implements Part {}

    public GeminiReply {
        parts = List.copyOf(parts);
    }

    public static GeminiReply text(String text) {
        return new GeminiReply(List.of(new Text(text)), "STOP");
    }

    /** One function call; {@code argsJson} must be a JSON object such as {@code {"file_path":"/a"}}. */
    public static GeminiReply call(String name, String argsJson) {
        return new GeminiReply(List.of(call0(name, argsJson)), "STOP");
    }

    /** Thoughts, then parallel calls, as Gemini 2.5/3 with thinking does. */
    public static GeminiReply thinkThenCall(String thought, Call... calls) {
        var parts = new java.util.ArrayList<Part>();
        parts.add(new Thought(thought));
        parts.addAll(List.of(calls));
        return new GeminiReply(parts, "STOP");
    }

    public static Call call0(String name, String argsJson) {
        JsonNode args = Json.parse(argsJson);
        if (!args.isObject()) throw new IllegalArgumentException("function args must be a JSON object: " + argsJson);
        return new Call(name, args);
    }

    /** Deterministic stand-in for token counts: about four characters per token. */
    int outputTokens() {
        int chars = 0;
        for (Part p : parts) {
            chars += switch (p) {
                case Text t -> t.text().length();
                case Thought t -> 0;
                case Call c -> c.name().length() + Json.write(c.args()).length();
            };
        }
        return Math.max(1, chars / 4);
    }

    int thoughtTokens() {
        int chars = 0;
        for (Part p : parts) if (p instanceof Thought t) chars += t.text().length();
        return chars / 4;
    }
}
