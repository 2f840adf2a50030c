package dev.baton.cli.demo;

import dev.baton.dialect.Json;
import tools.jackson.databind.JsonNode;

/** The text of an answer in Anthropic's Messages format, as a client reads it: from a message, or from a stream's text deltas. */
public final class AnthropicAnswer {
    private AnthropicAnswer() {
    }

    public static String text(String body, boolean stream) {
        StringBuilder text = new StringBuilder();
        if (!stream) {
            for (JsonNode block : Json.MAPPER.readTree(body).path("content")) {
                if (block.path("type").asString("").equals("text")) text.append(block.path("text").asString(""));
            }
            return text.toString();
        }
        for (String line : body.split("\n")) {
            if (!line.startsWith("data:")) continue;
            JsonNode event = Json.MAPPER.readTree(line.substring("data:".length()).strip());
            if (event.path("type").asString("").equals("content_block_delta") && event.path("delta").path("type").asString("").equals("text_delta")) {
                text.append(event.path("delta").path("text").asString(""));
            }
        }
        return text.toString();
    }
}
