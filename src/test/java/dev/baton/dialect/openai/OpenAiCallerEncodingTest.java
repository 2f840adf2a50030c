package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.StreamEncoder;
import dev.baton.dialect.ToolIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Canonical answers → OpenAI callers: `chat.completion`, `chat.completion.chunk` streams and errors (field notes 12). */
class OpenAiCallerEncodingTest {
    private final OpenAiDialect dialect = new OpenAiDialect(new ToolIds(100));

    static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void wholeAnswerWithTextToolCallsAndThinkingGolden() {
        ChatResponse r = new ChatResponse("msg_01X", "claude-sonnet-4-5", List.of(new Block.Thinking("Check the file.", "sig"),
                new Block.Text("Reading."), new Block.ToolUse("toolu_01A", "Read", json("{\"file_path\":\"a.txt\"}"))),
                StopReason.TOOL_USE, null, new Usage(20, 15, 100, 30, 0));
        ObjectNode out = (ObjectNode) Json.MAPPER.readTree(dialect.encodeResponse(r, "claude-sonnet"));
        out.remove("created");
        assertThat(out).isEqualTo(json("""
                {"id":"chatcmpl-msg_01X","object":"chat.completion","model":"claude-sonnet",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Reading.","reasoning_content":"Check the file.",
                   "tool_calls":[{"id":"toolu_01A","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"a.txt\\"}"}}],
                   "refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":150,"completion_tokens":15,"total_tokens":165,"prompt_tokens_details":{"cached_tokens":100}}}"""));
    }

    @Test
    void stopReasonsMapToFinishReasons() {
        assertThat(OpenAiResponseEncoder.finishReason(StopReason.END_TURN)).isEqualTo("stop");
        assertThat(OpenAiResponseEncoder.finishReason(StopReason.STOP_SEQUENCE)).isEqualTo("stop");
        assertThat(OpenAiResponseEncoder.finishReason(StopReason.MAX_TOKENS)).isEqualTo("length");
        assertThat(OpenAiResponseEncoder.finishReason(StopReason.TOOL_USE)).isEqualTo("tool_calls");
        assertThat(OpenAiResponseEncoder.finishReason(StopReason.REFUSAL)).isEqualTo("content_filter");
    }

    List<JsonNode> stream(boolean includeUsage, StreamEvent... events) {
        ObjectNode request = (ObjectNode) json(includeUsage ? "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}" : "{\"stream\":true}");
        StreamEncoder enc = dialect.streamEncoder(request.get("stream_options"), "claude-sonnet");
        StringBuilder wire = new StringBuilder();
        for (StreamEvent e : events) wire.append(new String(enc.encode(e), StandardCharsets.UTF_8));
        List<JsonNode> chunks = new ArrayList<>();
        for (String frame : wire.toString().split("\n\n")) {
            assertThat(frame).startsWith("data: ");
            String data = frame.substring(6);
            if (data.equals("[DONE]")) chunks.add(null);
            else {
                ObjectNode c = (ObjectNode) json(data);
                assertThat(c.get("id").asString()).isEqualTo("chatcmpl-msg_1");
                assertThat(c.get("object").asString()).isEqualTo("chat.completion.chunk");
                assertThat(c.get("model").asString()).isEqualTo("claude-sonnet");
                c.remove(List.of("id", "object", "model", "created"));
                chunks.add(c);
            }
        }
        return chunks;
    }

    /**
     * Field notes 12: the first chunk carries the role; tool calls are numbered among tool calls (the text block is
     * block 0, the calls are tool calls 0 and 1); the usage chunk has empty choices; [DONE] ends it.
     */
    @Test
    void streamGoldenWithTextTwoToolCallsAndUsage() {
        List<JsonNode> chunks = stream(true,
                new StreamEvent.Start("msg_1", "claude-sonnet-4-5", Usage.ZERO),
                new StreamEvent.BlockStart(0, new Block.Text("")), new StreamEvent.TextDelta(0, "Reading."), new StreamEvent.BlockStop(0),
                new StreamEvent.BlockStart(1, new Block.ToolUse("toolu_A", "Read", json("{}"))),
                new StreamEvent.ToolInputDelta(1, "{\"file_path\":"), new StreamEvent.ToolInputDelta(1, "\"a.txt\"}"), new StreamEvent.BlockStop(1),
                new StreamEvent.BlockStart(2, new Block.ToolUse("toolu_B", "Read", json("{}"))),
                new StreamEvent.ToolInputDelta(2, "{\"file_path\":\"b.txt\"}"), new StreamEvent.BlockStop(2),
                new StreamEvent.Finish(StopReason.TOOL_USE, null, new Usage(10, 20, 5, 0, 0)), new StreamEvent.End());
        assertThat(chunks).containsExactly(
                json("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}"),
                json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Reading.\"},\"logprobs\":null,\"finish_reason\":null}]}"),
                json("""
                        {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"toolu_A","type":"function","function":{"name":"Read","arguments":""}}]},"logprobs":null,"finish_reason":null}]}"""),
                json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"file_path\\\":\"}}]},\"logprobs\":null,\"finish_reason\":null}]}"),
                json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"a.txt\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}]}"),
                json("""
                        {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"toolu_B","type":"function","function":{"name":"Read","arguments":""}}]},"logprobs":null,"finish_reason":null}]}"""),
                json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"file_path\\\":\\\"b.txt\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}]}"),
                json("{\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}"),
                json("{\"choices\":[],\"usage\":{\"prompt_tokens\":15,\"completion_tokens\":20,\"total_tokens\":35,\"prompt_tokens_details\":{\"cached_tokens\":5}}}"),
                null);
    }

    @Test
    void withoutIncludeUsageThereIsNoUsageChunkAndThinkingStreamsAsReasoningContent() {
        List<JsonNode> chunks = stream(false, new StreamEvent.Start("msg_1", "m", Usage.ZERO),
                new StreamEvent.BlockStart(0, new Block.Thinking("", null)), new StreamEvent.ThinkingDelta(0, "hmm"),
                new StreamEvent.SignatureDelta(0, "sig"), new StreamEvent.BlockStop(0),
                new StreamEvent.Finish(StopReason.END_TURN, null, Usage.ZERO), new StreamEvent.End());
        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(1).at("/choices/0/delta/reasoning_content").asString()).isEqualTo("hmm");
        assertThat(chunks.get(2).at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(chunks.get(3)).isNull();
    }

    @Test
    void errorsHaveOpenAisShapeAndTypes() {
        assertThat(json(new String(dialect.errorBody(429, "slow down"), StandardCharsets.UTF_8))).isEqualTo(json("""
                {"error":{"message":"slow down","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}"""));
        assertThat(json(new String(dialect.errorBody(400, "bad"), StandardCharsets.UTF_8)).at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(json(new String(dialect.errorBody(401, "who"), StandardCharsets.UTF_8)).at("/error/type").asString()).isEqualTo("authentication_error");
        assertThat(json(new String(dialect.errorBody(500, "oops"), StandardCharsets.UTF_8)).at("/error/type").asString()).isEqualTo("server_error");
        String event = new String(dialect.errorEvent(529, "overloaded"), StandardCharsets.UTF_8);
        assertThat(event).startsWith("data: {\"error\":").endsWith("\n\n");
        assertThat(json(event.substring(6)).at("/error/code").asString()).isEqualTo("overloaded");
    }
}
