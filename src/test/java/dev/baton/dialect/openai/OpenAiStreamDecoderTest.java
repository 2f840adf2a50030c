package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.StreamEvent.BlockStart;
import dev.baton.canonical.StreamEvent.BlockStop;
import dev.baton.canonical.StreamEvent.End;
import dev.baton.canonical.StreamEvent.Finish;
import dev.baton.canonical.StreamEvent.Start;
import dev.baton.canonical.StreamEvent.TextDelta;
import dev.baton.canonical.StreamEvent.ToolInputDelta;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.ToolCallMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI-compatible upstream streams → canonical events: golden transcripts for each chunking (field notes 8–11). */
class OpenAiStreamDecoderTest {
    private final ToolCallMemory memory = new ToolCallMemory(100);

    List<StreamEvent> decode(String... chunks) throws FailureException {
        OpenAiStreamDecoder d = new OpenAiStreamDecoder("vendor", OpenAiResponseDecoderTest.READ_NEEDS_PATH, memory);
        List<StreamEvent> out = new ArrayList<>();
        for (String c : chunks) d.decode(SseEvent.of(null, c), out::add);
        d.end(out::add);
        return out;
    }

    static String chunk(String delta, String finish) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    static String call(int index, String id, String name, String args) {
        String head = id == null ? "" : "\"id\":\"" + id + "\",\"type\":\"function\",";
        String fn = (name == null ? "" : "\"name\":\"" + name + "\",") + "\"arguments\":" + Json.MAPPER.writeValueAsString(args);
        return chunk("{\"tool_calls\":[{\"index\":" + index + "," + head + "\"function\":{" + fn + "}}]}", null);
    }

    static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null);
    static final String USAGE = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":7,\"total_tokens\":57,\"prompt_tokens_details\":{\"cached_tokens\":10}}}";

    /** The streamed example of OpenAI's API reference; the empty first content opens no block (field notes 9, 11). */
    @Test
    void documentedTextStreamGolden() throws Exception {
        assertThat(decode(ROLE, chunk("{\"content\":\"Hello\"}", null), chunk("{\"content\":\"!\"}", null), chunk("{}", "stop"), USAGE, "[DONE]"))
                .containsExactly(new Start("chatcmpl-1", "m", Usage.ZERO), new BlockStart(0, new Block.Text("")), new TextDelta(0, "Hello"),
                        new TextDelta(0, "!"), new BlockStop(0), new Finish(StopReason.END_TURN, null, new Usage(40, 7, 10, 0, 0)), new End());
    }

    private static final List<StreamEvent> TWO_READS = List.of(new Start("chatcmpl-1", "m", Usage.ZERO),
            new BlockStart(0, new Block.ToolUse("call_a", "Read", Json.MAPPER.createObjectNode())), new ToolInputDelta(0, "{\"path\":\"a.txt\"}"), new BlockStop(0),
            new BlockStart(1, new Block.ToolUse("call_b", "Read", Json.MAPPER.createObjectNode())), new ToolInputDelta(1, "{\"path\":\"b.txt\"}"), new BlockStop(1),
            new Finish(StopReason.TOOL_USE, null, Usage.ZERO), new End());

    /** Field notes 10: the same two calls, however the server cuts their arguments. */
    @Test
    void parallelToolCallsAssembleFromEveryChunking() throws Exception {
        String a = "{\"path\":\"a.txt\"}";
        String b = "{\"path\":\"b.txt\"}";
        // all in one chunk each
        assertThat(decode(ROLE, call(0, "call_a", "Read", a), call(1, "call_b", "Read", b), chunk("{}", "tool_calls"), "[DONE]")).isEqualTo(TWO_READS);
        // one character per chunk
        List<String> perChar = new ArrayList<>(List.of(ROLE, call(0, "call_a", "Read", "")));
        for (char c : a.toCharArray()) perChar.add(call(0, null, null, String.valueOf(c)));
        perChar.add(call(1, "call_b", "Read", ""));
        for (char c : b.toCharArray()) perChar.add(call(1, null, null, String.valueOf(c)));
        perChar.addAll(List.of(chunk("{}", "tool_calls"), "[DONE]"));
        assertThat(decode(perChar.toArray(String[]::new))).isEqualTo(TWO_READS);
        // arguments only at the end
        assertThat(decode(ROLE, call(0, "call_a", "Read", ""), call(1, "call_b", "Read", ""), call(0, null, null, a), call(1, null, null, b),
                chunk("{}", "tool_calls"), "[DONE]")).isEqualTo(TWO_READS);
        // interleaved by index
        assertThat(decode(ROLE, call(0, "call_a", "Read", ""), call(1, "call_b", "Read", ""), call(0, null, null, "{\"pa"), call(1, null, null, "{\"path\":"),
                call(0, null, null, "th\":\"a.txt\"}"), call(1, null, null, "\"b.txt\"}"), chunk("{}", "tool_calls"), "[DONE]")).isEqualTo(TWO_READS);
    }

    /** Field notes 8, 9: text then a tool call, finish_reason "stop" (as ollama_chat sends it): still tool_use, no blank block. */
    @Test
    void aStreamThatCalledAToolStopsForToolUseWhateverFinishReasonSays() throws Exception {
        List<StreamEvent> events = decode(ROLE, chunk("{\"content\":\"\\n\\n\"}", null), call(0, "call_a", "Read", "{\"path\":\"a.txt\"}"),
                chunk("{}", "stop"), "[DONE]");
        assertThat(events).containsExactly(new Start("chatcmpl-1", "m", Usage.ZERO),
                new BlockStart(0, new Block.ToolUse("call_a", "Read", Json.MAPPER.createObjectNode())), new ToolInputDelta(0, "{\"path\":\"a.txt\"}"),
                new BlockStop(0), new Finish(StopReason.TOOL_USE, null, Usage.ZERO), new End());
    }

    @Test
    void whitespaceBeforeRealTextIsKeptInTheTextBlock() throws Exception {
        assertThat(decode(ROLE, chunk("{\"content\":\"\\n\"}", null), chunk("{\"content\":\"Hi\"}", null), chunk("{}", "stop"), "[DONE]"))
                .contains(new TextDelta(0, "\nHi"));
    }

    /** Field notes 10: arguments that never arrive for a tool that needs them fail the attempt; `{}` is never invented. */
    @Test
    void missingOrBrokenArgumentsFailAsMalformedBeforeTheBlockIsShown() {
        assertThatThrownBy(() -> decode(ROLE, call(0, "call_a", "Read", ""), chunk("{}", "tool_calls"), "[DONE]"))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
        assertThatThrownBy(() -> decode(ROLE, call(0, "call_a", "Read", "{\"path\":"), chunk("{}", "tool_calls"), "[DONE]"))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure().detail()).contains("Read"));
    }

    /** Field notes 10: OpenRouter-style streams that say tool_calls but never send one fail rather than stop for nothing. */
    @Test
    void finishingWithToolCallsButNoCallIsMalformed() {
        assertThatThrownBy(() -> decode(ROLE, chunk("{\"content\":\"Let me check.\"}", null), chunk("{}", "tool_calls"), "[DONE]"))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
    }

    @Test
    void reasoningStreamsAsThinkingSignedAsNotAnthropicsAndIsRememberedForTheToolCall() throws Exception {
        List<StreamEvent> events = decode(ROLE, chunk("{\"reasoning_content\":\"Need \"}", null), chunk("{\"reasoning_content\":\"a file.\"}", null),
                call(0, "call_a", "Read", "{\"path\":\"a.txt\"}"), chunk("{}", "tool_calls"), "[DONE]");
        assertThat(events.get(1)).isEqualTo(new BlockStart(0, new Block.Thinking("", null)));
        assertThat(events.get(2)).isEqualTo(new StreamEvent.ThinkingDelta(0, "Need "));
        StreamEvent.SignatureDelta sig = (StreamEvent.SignatureDelta) events.get(4);
        assertThat(ThinkingOrigin.provider(sig.signature())).isEqualTo("vendor");
        assertThat(events.get(5)).isEqualTo(new BlockStop(0));
        assertThat(events.get(6)).isInstanceOf(BlockStart.class);
        assertThat(memory.get(OpenAiReasoning.MEMORY_KIND, "call_a")).isEqualTo("Need a file.");
    }

    @Test
    void groqUsageInXGroqIsRead() throws Exception {
        String last = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"x_groq\":{\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}}";
        List<StreamEvent> events = decode(ROLE, chunk("{\"content\":\"ok\"}", null), last, "[DONE]");
        assertThat(events).contains(new Finish(StopReason.END_TURN, null, new Usage(9, 3, 0, 0, 0)));
    }

    @Test
    void anErrorChunkFailsTheAttemptAsItsKind() {
        assertThatThrownBy(() -> decode(ROLE, "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\",\"code\":503}}"))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Overloaded.class));
    }

    @Test
    void aStreamCutBeforeFinishIsAResetAndOneWithoutDoneStillCompletes() throws Exception {
        assertThatThrownBy(() -> decode(ROLE, chunk("{\"content\":\"Hel\"}", null)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Reset.class));
        assertThat(decode(ROLE, chunk("{\"content\":\"Hi\"}", null), chunk("{}", "length"))).endsWith(
                new Finish(StopReason.MAX_TOKENS, null, Usage.ZERO), new End());
    }

    @Test
    void aChunkThatIsNotJsonIsMalformedAndDoneIsTheLastEvent() {
        assertThatThrownBy(() -> decode(ROLE, "{\"id\":\"chatcmpl-1\",\"choi"))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
        OpenAiStreamDecoder d = new OpenAiStreamDecoder("v", ToolArguments.lenient(), memory);
        assertThat(d.isLast(SseEvent.of(null, "[DONE]"))).isTrue();
        assertThat(d.isLast(SseEvent.of(null, ROLE))).isFalse();
    }
}
