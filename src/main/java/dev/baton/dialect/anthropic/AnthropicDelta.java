package dev.baton.dialect.anthropic;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A `content_block_delta` event, most of an Anthropic stream's events, read with Jackson's streaming parser rather than
 * as a tree (as {@code dialect.openai.OpenAiChunk} reads OpenAI's chunks): its block index, the delta's type, and the
 * string that type carries (`text`, `partial_json`, `thinking` or `signature`; "" when absent or not a string).
 */
record AnthropicDelta(int index, String type, String value) {

    /**
     * Reads the event's data from {@code parser}, and closes it; throws Jackson's exception, or IllegalArgumentException,
     * for what is not one JSON object.
     */
    static AnthropicDelta read(JsonParser parser) {
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("not a JSON object");
            int index = 0;
            AnthropicDelta delta = new AnthropicDelta(0, "", "");
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("delta")) {
                    delta = delta(p);
                    continue;
                }
                if (name.equals("index")) index = value.isNumeric() ? p.getValueAsInt(0) : 0;
                p.skipChildren();
            }
            if (p.nextToken() != null) throw new IllegalArgumentException("content after the event");
            return new AnthropicDelta(index, delta.type, delta.value);
        }
    }

    private static AnthropicDelta delta(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new AnthropicDelta(0, "", "");
        }
        String type = "";
        String text = "";
        String json = "";
        String thinking = "";
        String signature = "";
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            String s = p.currentToken() == JsonToken.VALUE_STRING ? p.getString() : "";
            p.skipChildren();
            switch (name) {
                case "type" -> type = s;
                case "text" -> text = s;
                case "partial_json" -> json = s;
                case "thinking" -> thinking = s;
                case "signature" -> signature = s;
                default -> { }
            }
        }
        String value = switch (type) {
            case "text_delta" -> text;
            case "input_json_delta" -> json;
            case "thinking_delta" -> thinking;
            case "signature_delta" -> signature;
            default -> "";
        };
        return new AnthropicDelta(0, type, value);
    }
}
