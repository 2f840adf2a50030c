package dev.baton.dialect.openai;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * What {@link OpenAiStreamDecoder} reads of one `chat.completion.chunk`, read with Jackson's streaming parser: a stream
 * is hundreds of these, mostly one short text delta in 300 bytes of ids, fingerprints and nulls, and a tree of each cost
 * more than the rest of the translation. The rarer parts (usage, tool-call fragments) come as trees of their own.
 *
 * @param hasError whether the chunk carries a non-null `error` (the decoder then reads the whole chunk as a tree)
 * @param choices  the chunk's choices with `index` 0 (Baton asks for one), in order
 */
record OpenAiChunk(String id, String model, boolean hasError, JsonNode usage, JsonNode groqUsage, List<Delta> choices) {

    /**
     * One choice's delta.
     *
     * @param reasoning    the reasoning text ({@link OpenAiReasoning#of}), or null
     * @param content      `content` when a string
     * @param refusal      `refusal` when a string
     * @param toolCalls    `tool_calls` as a tree, or null
     * @param finishReason `finish_reason` when a string
     */
    record Delta(String reasoning, String content, String refusal, JsonNode toolCalls, String finishReason) {
    }

    /**
     * Reads a chunk from {@code parser} (over bytes: Jackson reads them faster than chars), and closes it; throws
     * Jackson's exception, or IllegalArgumentException, for what is not one JSON object.
     */
    static OpenAiChunk read(JsonParser parser) {
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("not a JSON object");
            String id = "";
            String model = "";
            boolean error = false;
            JsonNode usage = null;
            JsonNode groqUsage = null;
            List<Delta> choices = List.of();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> id = text(p);
                    case "model" -> model = text(p);
                    case "error" -> {
                        error = value != JsonToken.VALUE_NULL;
                        p.skipChildren();
                    }
                    case "usage" -> usage = p.readValueAsTree();
                    case "x_groq" -> { // Groq's place for the usage
                        JsonNode groq = p.readValueAsTree();
                        groqUsage = groq == null ? null : groq.get("usage");
                    }
                    case "choices" -> choices = choices(p);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) throw new IllegalArgumentException("content after the chunk");
            return new OpenAiChunk(id, model, error, usage, groqUsage, choices);
        }
    }

    /** The `index` 0 choices of the array at the parser, or none when the value is not an array. */
    private static List<Delta> choices(JsonParser p) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<Delta> out = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            int index = 0;
            Delta delta = new Delta(null, null, null, null, null);
            String finish = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "index" -> index = p.currentToken().isNumeric() ? p.getValueAsInt(0) : skipped(p, 0); // else the first
                    case "delta" -> delta = delta(p);
                    case "finish_reason" -> finish = string(p);
                    default -> p.skipChildren();
                }
            }
            if (index == 0) out.add(new Delta(delta.reasoning, delta.content, delta.refusal, delta.toolCalls, finish));
        }
        return out;
    }

    private static Delta delta(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new Delta(null, null, null, null, null);
        }
        String reasoningContent = null;
        String reasoning = null;
        String content = null;
        String refusal = null;
        JsonNode toolCalls = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "reasoning_content" -> reasoningContent = string(p);
                case "reasoning" -> reasoning = string(p);
                case "content" -> content = string(p);
                case "refusal" -> refusal = string(p);
                case "tool_calls" -> toolCalls = p.readValueAsTree();
                default -> p.skipChildren();
            }
        }
        return new Delta(OpenAiReasoning.of(reasoningContent, reasoning), content, refusal, toolCalls, null);
    }

    private static int skipped(JsonParser p, int value) {
        p.skipChildren();
        return value;
    }

    /** The string at the parser, or null for any other value (skipped). */
    private static String string(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_STRING) return p.getString();
        p.skipChildren();
        return null;
    }

    /** A scalar's text as JsonNode.asString("") gives it (numbers and booleans too); "" for null and containers. */
    private static String text(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        return t == JsonToken.VALUE_NULL ? "" : p.getValueAsString("");
    }
}
