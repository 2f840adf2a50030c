package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.dialect.Json;
import dev.baton.testing.RandomJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiChunkTest {

    /** As the stream decoder reads it: from the bytes. */
    private static OpenAiChunk read(String json) {
        return OpenAiChunk.read(Json.MAPPER.createParser(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void readsWhatTheDecoderNeedsOfARealChunk() {
        OpenAiChunk c = read("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"gpt-4o\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" hi\","
                + "\"reasoning_content\":\"hm\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\"}]},\"logprobs\":null,\"finish_reason\":\"stop\"},"
                + "{\"index\":1,\"delta\":{\"content\":\"other\"}}],\"usage\":{\"prompt_tokens\":3}}");
        assertThat(c.id()).isEqualTo("chatcmpl-1");
        assertThat(c.model()).isEqualTo("gpt-4o");
        assertThat(c.hasError()).isFalse();
        assertThat(c.usage().get("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(c.choices()).as("only index 0").containsExactly(new OpenAiChunk.Delta("hm", " hi", null,
                Json.MAPPER.readTree("[{\"index\":0,\"id\":\"call_1\"}]"), "stop"));
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String s : new String[] {"", "null", "[1]", "\"x\"", "{\"id\":1", "{\"id\":1} {}", "{\"id\":1}x", "{id:1}"}) {
            assertThatThrownBy(() -> read(s)).as(s).isInstanceOfAny(IllegalArgumentException.class, tools.jackson.core.JacksonException.class);
        }
    }

    /** Random chunks, odd types and repeated keys included: the streaming read is what a tree of the chunk says. */
    @Test
    void agreesWithTheChunksTreeOnRandomChunks() {
        Random random = new Random(11);
        for (int round = 0; round < 5000; round++) {
            String json = chunk(random).toString();
            if (random.nextInt(10) == 0) json = json.replaceFirst("\\{", "{\"id\":\"first\","); // a repeated key
            assertThat(read(json)).as(json).isEqualTo(fromTree(Json.MAPPER.readTree(json)));
        }
    }

    /** The chunk as the decoder read it from a tree before: what the streaming read must agree with. */
    private static OpenAiChunk fromTree(JsonNode c) {
        List<OpenAiChunk.Delta> choices = new ArrayList<>();
        if (c.get("choices") instanceof ArrayNode array) {
            for (JsonNode choice : array) {
                if (!choice.isObject() || choice.path("index").isNumber() && choice.path("index").asInt() != 0) continue;
                JsonNode d = choice.path("delta");
                JsonNode fr = choice.get("finish_reason");
                choices.add(new OpenAiChunk.Delta(OpenAiReasoning.read(d),
                        stringOrNull(d.get("content")), stringOrNull(d.get("refusal")), d.get("tool_calls"), fr != null && fr.isString() ? fr.asString() : null));
            }
        }
        JsonNode groq = c.get("x_groq");
        return new OpenAiChunk(scalar(c.get("id")), scalar(c.get("model")), c.get("error") != null && !c.get("error").isNull(),
                c.get("usage"), groq == null ? null : groq.get("usage"), choices);
    }

    private static String stringOrNull(JsonNode n) {
        return n != null && n.isString() ? n.asString() : null;
    }

    private static String scalar(JsonNode n) {
        return n == null || n.isNull() || n.isContainer() ? "" : n.asString();
    }

    private static ObjectNode chunk(Random r) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        String[] fields = {"id", "object", "created", "model", "system_fingerprint", "choices", "usage", "x_groq", "error", "other"};
        for (String f : fields) {
            if (r.nextInt(4) == 0) continue;
            switch (f) {
                case "choices" -> c.set(f, r.nextInt(8) == 0 ? RandomJson.any(r) : choices(r));
                case "x_groq" -> c.set(f, r.nextBoolean() ? Json.MAPPER.createObjectNode().set("usage", RandomJson.any(r)) : RandomJson.any(r));
                case "error" -> c.set(f, r.nextInt(3) == 0 ? RandomJson.any(r) : Json.MAPPER.nullNode());
                default -> c.set(f, RandomJson.any(r));
            }
        }
        return c;
    }

    private static ArrayNode choices(Random r) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = r.nextInt(3); i >= 0; i--) {
            if (r.nextInt(10) == 0) {
                out.add(RandomJson.any(r));
                continue;
            }
            ObjectNode choice = out.addObject();
            if (r.nextInt(4) > 0) choice.set("index", r.nextInt(3) > 0 ? choice.numberNode(r.nextInt(2)) : RandomJson.any(r));
            ObjectNode delta = Json.MAPPER.createObjectNode();
            for (String f : new String[] {"role", "content", "refusal", "reasoning_content", "reasoning", "tool_calls", "other"}) {
                if (r.nextBoolean()) delta.set(f, r.nextInt(3) > 0 ? delta.stringNode(r.nextInt(4) == 0 ? "" : "t" + r.nextInt(9)) : RandomJson.any(r));
            }
            choice.set("delta", r.nextInt(8) == 0 ? RandomJson.any(r) : delta);
            if (r.nextBoolean()) choice.set("logprobs", RandomJson.any(r));
            if (r.nextBoolean()) choice.set("finish_reason", r.nextBoolean() ? choice.stringNode("stop") : RandomJson.any(r));
        }
        return out;
    }
}
