package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Anthropic SSE ⇄ canonical stream events: order, indices, no empty blocks, signatures, usage. */
class AnthropicStreamCodecTest {

    private static List<JsonNode> encode(StreamEvent... events) {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("claude-sonnet-4-5");
        StringBuilder sse = new StringBuilder();
        for (StreamEvent e : events) sse.append(new String(encoder.encode(e), StandardCharsets.UTF_8));
        List<JsonNode> out = new ArrayList<>();
        for (String chunk : sse.toString().split("\n\n")) {
            String data = chunk.substring(chunk.indexOf("data: ") + 6);
            out.add(Json.MAPPER.readTree(data));
        }
        return out;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asString()).toList();
    }

    /** Deltas are written as bytes, not as a tree: they must be the bytes a tree would serialize to, whatever the text. */
    @Test
    void deltas_are_the_json_a_tree_of_them_serializes_to() {
        String[] texts = {"plain", " leading space", "quote \" backslash \\ slash /", "new\nline\ttab\rcr\b\f", "\u0000\u0001\u001f\u007f",
            "é 日本語 😀 \u2028\u2029", "\ud83d", "\ude00 lone", "</script>", "{\"json\":[1]}"};
        for (String text : texts) {
            AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("claude-sonnet-4-5");
            encoder.encode(new StreamEvent.Start("abc", "m", Usage.ZERO));
            encoder.encode(new StreamEvent.BlockStart(3, new Block.Thinking("", null)));
            String thinking = new String(encoder.encode(new StreamEvent.ThinkingDelta(3, text)), StandardCharsets.UTF_8);
            encoder.encode(new StreamEvent.BlockStart(4, new Block.Text("")));
            String delta = new String(encoder.encode(new StreamEvent.TextDelta(4, "x" + text)), StandardCharsets.UTF_8);
            assertThat(visible(thinking)).as(visible(text)).isEqualTo(visible(asSent("event: content_block_delta\ndata: " + Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode()
                    .put("type", "content_block_delta").put("index", 0).set("delta", Json.MAPPER.createObjectNode().put("type", "thinking_delta")
                            .put("thinking", text))) + "\n\n")));
            String expected = "event: content_block_delta\ndata: " + Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode()
                    .put("type", "content_block_delta").put("index", 1).set("delta", Json.MAPPER.createObjectNode().put("type", "text_delta")
                            .put("text", "x" + text))) + "\n\n";
            expected = asSent(expected);
            assertThat(delta.endsWith(expected)).as(visible(delta) + " ends with " + visible(expected)).isTrue();
        }
    }

    /** As it goes on the wire: UTF-8, where a lone surrogate cannot be and becomes '?'. */
    private static String asSent(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Control characters written out, so that a failure message shows them. */
    private static String visible(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return out.toString();
    }

    @Test
    void a_text_block_that_never_gets_text_is_never_shown_and_later_blocks_are_renumbered() {
        List<JsonNode> out = encode(
                new StreamEvent.Start("abc", "gpt-4o", Usage.ZERO),
                new StreamEvent.BlockStart(0, new Block.Text("")),
                new StreamEvent.TextDelta(0, ""),
                new StreamEvent.BlockStop(0),
                new StreamEvent.BlockStart(1, new Block.ToolUse("call_1", "Read", Json.MAPPER.createObjectNode())),
                new StreamEvent.ToolInputDelta(1, "{\"file_path\":"),
                new StreamEvent.ToolInputDelta(1, "\"/a\"}"),
                new StreamEvent.BlockStop(1),
                new StreamEvent.Finish(StopReason.TOOL_USE, null, new Usage(12, 7, 0, 0, 0)),
                new StreamEvent.End());

        assertThat(types(out)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(out.get(1).path("index").asInt()).isZero();
        assertThat(out.get(1).path("content_block").path("type").asString()).isEqualTo("tool_use");
        assertThat(out.get(5).path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(out.get(5).path("usage").path("output_tokens").asInt()).isEqualTo(7);
        assertThat(out.get(0).path("message").path("id").asString()).startsWith("msg_");
        assertThat(out.get(0).path("message").path("model").asString()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void thinking_without_a_signature_gets_a_baton_signature_before_it_closes() {
        List<JsonNode> out = encode(
                new StreamEvent.Start("abc", "deepseek-reasoner", Usage.ZERO),
                new StreamEvent.BlockStart(0, new Block.Thinking("", null)),
                new StreamEvent.ThinkingDelta(0, "hmm"),
                new StreamEvent.BlockStop(0),
                new StreamEvent.BlockStart(1, new Block.Text("")),
                new StreamEvent.TextDelta(1, "Hi"),
                new StreamEvent.BlockStop(1),
                new StreamEvent.Finish(StopReason.END_TURN, null, Usage.ZERO),
                new StreamEvent.End());

        JsonNode signature = out.get(3);
        assertThat(signature.path("delta").path("type").asString()).isEqualTo("signature_delta");
        assertThat(signature.path("delta").path("signature").asString()).startsWith("baton:");
        assertThat(out.get(5).path("index").asInt()).isEqualTo(1);
    }

    private static List<StreamEvent> decode(String... eventAndData) throws FailureException {
        AnthropicStreamDecoder d = new AnthropicStreamDecoder();
        List<StreamEvent> out = new ArrayList<>();
        for (int i = 0; i < eventAndData.length; i += 2) d.decode(SseEvent.of(eventAndData[i], eventAndData[i + 1]), out::add);
        d.end(out::add);
        return out;
    }

    @Test
    void server_tool_result_blocks_are_left_out_and_indices_stay_contiguous() throws FailureException {
        List<StreamEvent> out = decode(
                "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}",
                "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"web_search_tool_result\",\"content\":[]}}",
                "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
                "content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Found it\"}}",
                "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}",
                "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9,\"cache_read_input_tokens\":50}}",
                "message_stop", "{\"type\":\"message_stop\"}");

        assertThat(out).containsExactly(
                new StreamEvent.Start("msg_1", "m", new Usage(5, 1, 0, 0, 0)),
                new StreamEvent.BlockStart(0, new Block.Text("")),
                new StreamEvent.TextDelta(0, "Found it"),
                new StreamEvent.BlockStop(0),
                new StreamEvent.Finish(StopReason.END_TURN, null, new Usage(5, 9, 50, 0, 0)),
                new StreamEvent.End());
    }

    @Test
    void an_error_event_fails_the_stream_with_its_classification() {
        assertThatThrownBy(() -> decode("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Overloaded.class));
    }

    @Test
    void a_stream_cut_before_message_delta_is_a_reset() {
        assertThatThrownBy(() -> decode("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{}}}"))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Reset.class));
    }
}
