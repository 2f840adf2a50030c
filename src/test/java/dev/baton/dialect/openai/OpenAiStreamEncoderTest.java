package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolIds;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiStreamEncoderTest {

    /** Text and reasoning chunks are written as bytes, not as a tree: they must be exactly what their tree serializes to. */
    @Test
    void deltaChunksAreTheJsonTheirTreeSerializesTo() {
        String[] texts = {"plain", "quote \" backslash \\ slash /", "new\nline\ttab\rcr\b\f", "\u0000\u0001\u001f\u007f",
            "é 日本語 😀 \u2028\u2029", "\ud83d", "\ude00 lone", "</script>"};
        for (String text : texts) {
            OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("gpt-\"4o\"", false, new ToolIds(16));
            encoder.encode(new StreamEvent.Start("msg_1", "m", Usage.ZERO)); // the role goes out with the first chunk
            for (StreamEvent e : new StreamEvent[] {new StreamEvent.TextDelta(0, text), new StreamEvent.ThinkingDelta(1, text)}) {
                String sent = new String(encoder.encode(e), StandardCharsets.UTF_8);
                assertThat(sent).startsWith("data: ").endsWith("\n\n");
                String data = sent.substring(6, sent.length() - 2);
                JsonNode chunk = Json.MAPPER.readTree(data);
                assertThat(Json.MAPPER.writeValueAsString(chunk)).as(escaped(text)).isEqualTo(data);
                assertThat(chunk.get("id").asString()).startsWith("chatcmpl-");
                assertThat(chunk.get("object").asString()).isEqualTo("chat.completion.chunk");
                assertThat(chunk.get("model").asString()).isEqualTo("gpt-\"4o\"");
                JsonNode delta = chunk.get("choices").get(0).get("delta");
                String field = e instanceof StreamEvent.TextDelta ? "content" : "reasoning_content";
                assertThat(delta.get(field).asString()).as(escaped(text))
                        .isEqualTo(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                assertThat(chunk.get("choices").get(0).get("finish_reason").isNull()).isTrue();
            }
        }
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return out.toString();
    }
}
