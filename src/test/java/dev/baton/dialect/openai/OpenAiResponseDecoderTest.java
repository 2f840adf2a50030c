package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Tool;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An OpenAI-compatible upstream's whole answer → canonical. */
class OpenAiResponseDecoderTest {
    static final ToolArguments READ_NEEDS_PATH = ToolArguments.of(List.of(
            Tool.function("Read", null, Json.MAPPER.readTree("{\"type\":\"object\",\"required\":[\"path\"]}")),
            Tool.function("Now", null, Json.MAPPER.readTree("{\"type\":\"object\"}"))));
    private final ToolCallMemory memory = new ToolCallMemory(100);

    ChatResponse decode(String json) throws FailureException {
        return OpenAiResponseDecoder.decode(json.getBytes(StandardCharsets.UTF_8), "deepseek", READ_NEEDS_PATH, memory);
    }

    /** The example answer of OpenAI's API reference. */
    @Test
    void documentedTextAnswerGolden() throws Exception {
        ChatResponse r = decode("""
                {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,"model":"gpt-4.1-2025-04-14",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I assist you today?","refusal":null,"annotations":[]},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
                   "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                   "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
                 "service_tier":"default"}""");
        assertThat(r).isEqualTo(new ChatResponse("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "gpt-4.1-2025-04-14",
                List.of(new Block.Text("Hello! How can I assist you today?")), StopReason.END_TURN, null, new Usage(19, 10, 0, 0, 0)));
    }

    /** Field notes 8: a tool call is a tool_use stop, whatever finish_reason says; field notes 35: cached input is not input. */
    @Test
    void toolCallsStopForToolUseAndCachedTokensAreNotCountedAsInput() throws Exception {
        ChatResponse r = decode("""
                {"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Let me look.",
                  "tool_calls":[{"id":"call_1","type":"function","function":{"name":"Read","arguments":"{\\"path\\":\\"a\\"}"}}]},
                  "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1000,"completion_tokens":20,"prompt_tokens_details":{"cached_tokens":800}}}""");
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.content()).containsExactly(new Block.Text("Let me look."), new Block.ToolUse("call_1", "Read", Json.MAPPER.readTree("{\"path\":\"a\"}")));
        assertThat(r.usage()).isEqualTo(new Usage(200, 20, 800, 0, 0));
    }

    /** Field notes 16: DeepSeek's reasoning becomes marked thinking and is remembered for the next turn. */
    @Test
    void deepSeekReasoningBecomesMarkedThinkingAndIsRemembered() throws Exception {
        ChatResponse r = decode("""
                {"id":"x","model":"deepseek-v4-flash","choices":[{"index":0,"message":{"role":"assistant","content":"",
                  "reasoning_content":"I should read the file.",
                  "tool_calls":[{"id":"call_00_abc","type":"function","function":{"name":"Read","arguments":"{\\"path\\":\\"a\\"}"}}]},
                  "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36}}""");
        Block.Thinking t = (Block.Thinking) r.content().get(0);
        assertThat(t.text()).isEqualTo("I should read the file.");
        assertThat(ThinkingOrigin.provider(t.signature())).isEqualTo("deepseek");
        assertThat(r.content()).hasSize(2); // the empty content made no text block (field notes 11)
        assertThat(r.usage()).isEqualTo(new Usage(36, 5, 64, 0, 0));
        assertThat(memory.get(OpenAiReasoning.MEMORY_KIND, "call_00_abc")).isEqualTo("I should read the file.");
    }

    @Test
    void openRouterStyleReasoningFieldIsReadToo() throws Exception {
        ChatResponse r = decode("""
                {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"4","reasoning":"2+2"},"finish_reason":"stop"}]}""");
        assertThat(((Block.Thinking) r.content().get(0)).text()).isEqualTo("2+2");
    }

    /** Field notes 10: arguments that are not a JSON object, or missing where the tool needs some, are never passed on. */
    @Test
    void unusableToolArgumentsFailTheAttemptAsMalformed() {
        assertThatThrownBy(() -> decode("""
                {"choices":[{"message":{"tool_calls":[{"id":"c","type":"function","function":{"name":"Read","arguments":"{\\"path\\":"}}]},"finish_reason":"tool_calls"}]}"""))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
        assertThatThrownBy(() -> decode("""
                {"choices":[{"message":{"tool_calls":[{"id":"c","type":"function","function":{"name":"Read","arguments":""}}]},"finish_reason":"tool_calls"}]}"""))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
    }

    @Test
    void emptyArgumentsAreAnEmptyObjectForATooThatNeedsNone() throws Exception {
        ChatResponse r = decode("""
                {"choices":[{"message":{"tool_calls":[{"type":"function","function":{"name":"Now","arguments":""}}]},"finish_reason":"tool_calls"}]}""");
        Block.ToolUse u = (Block.ToolUse) r.content().get(0);
        assertThat(u.input().toString()).isEqualTo("{}");
        assertThat(u.id()).startsWith("call_"); // servers that send no id get one
    }

    @Test
    void argumentsSentAsAnObjectRatherThanAStringAreAccepted() throws Exception {
        ChatResponse r = decode("""
                {"choices":[{"message":{"tool_calls":[{"id":"c","type":"function","function":{"name":"Read","arguments":{"path":"a"}}}]},"finish_reason":"tool_calls"}]}""");
        assertThat(((Block.ToolUse) r.content().get(0)).input().toString()).isEqualTo("{\"path\":\"a\"}");
    }

    @Test
    void finishReasonsMap() {
        assertThat(OpenAiResponseDecoder.stopReason("stop")).isEqualTo(StopReason.END_TURN);
        assertThat(OpenAiResponseDecoder.stopReason("length")).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(OpenAiResponseDecoder.stopReason("tool_calls")).isEqualTo(StopReason.TOOL_USE);
        assertThat(OpenAiResponseDecoder.stopReason("content_filter")).isEqualTo(StopReason.REFUSAL);
    }

    @Test
    void notAnAnswerIsMalformedAndAnErrorBodyIsClassified() {
        assertThatThrownBy(() -> decode("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"cut")).isInstanceOfSatisfying(FailureException.class,
                e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
        assertThatThrownBy(() -> decode("{\"error\":{\"message\":\"Rate limit\",\"code\":429}}")).isInstanceOfSatisfying(FailureException.class,
                e -> assertThat(e.failure()).isInstanceOf(Failure.RateLimited.class));
    }
}
