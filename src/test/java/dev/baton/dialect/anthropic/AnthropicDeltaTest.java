package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.dialect.Json;
import dev.baton.testing.RandomJson;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AnthropicDeltaTest {

    /** As the stream decoder reads it: from the bytes. */
    private static AnthropicDelta read(String json) {
        return AnthropicDelta.read(Json.MAPPER.createParser(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void readsEachKindOfDelta() {
        assertThat(read("{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi \\\"x\\\"\"}}"))
                .isEqualTo(new AnthropicDelta(2, "text_delta", "hi \"x\""));
        assertThat(read("{\"index\":1,\"delta\":{\"partial_json\":\"{\\\"a\\\":\",\"type\":\"input_json_delta\"}}"))
                .as("the type after the value").isEqualTo(new AnthropicDelta(1, "input_json_delta", "{\"a\":"));
        assertThat(read("{\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}").value()).isEqualTo("EqQB");
        for (String s : new String[] {"", "null", "[1]", "{\"index\":1", "{\"index\":1} {}", "{index:1}"}) {
            assertThatThrownBy(() -> read(s)).as(s).isInstanceOfAny(IllegalArgumentException.class, tools.jackson.core.JacksonException.class);
        }
    }

    /** Random events, odd types and repeated keys included: the streaming read is what a tree of the event says. */
    @Test
    void agreesWithTheEventsTreeOnRandomEvents() {
        Random r = new Random(5);
        String[] types = {"text_delta", "input_json_delta", "thinking_delta", "signature_delta", "citations_delta"};
        String[] fields = {"text", "partial_json", "thinking", "signature", "other"};
        for (int round = 0; round < 5000; round++) {
            ObjectNode e = Json.MAPPER.createObjectNode().put("type", "content_block_delta");
            if (r.nextInt(4) > 0) e.set("index", r.nextInt(3) > 0 ? e.numberNode(r.nextInt(4)) : RandomJson.any(r));
            ObjectNode d = Json.MAPPER.createObjectNode();
            if (r.nextInt(5) > 0) d.set("type", r.nextInt(5) > 0 ? d.stringNode(types[r.nextInt(types.length)]) : RandomJson.any(r));
            for (String f : fields) if (r.nextBoolean()) d.set(f, r.nextInt(4) > 0 ? d.stringNode("v" + r.nextInt(9) + "\n\"") : RandomJson.any(r));
            e.set("delta", r.nextInt(10) > 0 ? d : RandomJson.any(r));
            if (r.nextBoolean()) e.set("other", RandomJson.any(r));
            String json = e.toString();
            if (r.nextInt(10) == 0) json = json.replaceFirst("\\{", "{\"index\":7,"); // a repeated key
            assertThat(read(json)).as(json).isEqualTo(fromTree(Json.MAPPER.readTree(json)));
        }
    }

    /** The event as the decoder read it from a tree before. */
    private static AnthropicDelta fromTree(JsonNode e) {
        JsonNode d = e.path("delta");
        String type = d.path("type").isString() ? d.path("type").asString() : "";
        String field = switch (type) {
            case "text_delta" -> "text";
            case "input_json_delta" -> "partial_json";
            case "thinking_delta" -> "thinking";
            case "signature_delta" -> "signature";
            default -> null;
        };
        String value = field != null && d.path(field).isString() ? d.path(field).asString() : "";
        return new AnthropicDelta(e.path("index").isNumber() ? e.path("index").asInt() : 0, type, value);
    }
}
