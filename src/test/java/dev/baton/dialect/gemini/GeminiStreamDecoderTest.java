package dev.baton.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.SseReader;
import dev.baton.dialect.ToolCallMemory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Golden transcripts Gemini SSE → canonical stream events (and the same chunks as one whole answer). */
class GeminiStreamDecoderTest {
    private final ToolCallMemory memory = new ToolCallMemory(100);
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void textSplitAcrossChunksIsOneTextBlockWithTheLastCumulativeUsage() throws Exception {
        List<String> events = decode("""
                data: {"candidates": [{"content": {"parts": [{"text": "The sky"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 10,"candidatesTokenCount": 2,"totalTokenCount": 12},"modelVersion": "gemini-2.5-flash","responseId": "resp-1"}\r
                \r
                data: {"candidates": [{"content": {"parts": [{"text": " is blue."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 10,"candidatesTokenCount": 5,"totalTokenCount": 15,"cachedContentTokenCount": 4,"thoughtsTokenCount": 7},"modelVersion": "gemini-2.5-flash","responseId": "resp-1"}\r
                \r
                """);

        assertThat(events).containsExactly(
                "start resp-1 gemini-2.5-flash in=10",
                "block 0 text", "text 0 The sky", "text 0  is blue.", "stop 0",
                "finish end_turn in=6 out=12 cached=4", "end");
    }

    @Test
    void thoughtsThenAFunctionCallSignTheThinkingBlockAndRememberTheSignatureUnderTheCall() throws Exception {
        List<String> events = decode("""
                data: {"candidates":[{"content":{"parts":[{"text":"**Planning** I should read","thought":true}],"role":"model"}}],"usageMetadata":{"promptTokenCount":30}}

                data: {"candidates":[{"content":{"parts":[{"text":" the file.","thought":true}],"role":"model"}}],"usageMetadata":{"promptTokenCount":30}}

                data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"Read","args":{"file_path":"/a"}},"thoughtSignature":"CiQBVKhc7w=="}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":9,"thoughtsTokenCount":20}}

                """);

        assertThat(events).containsExactly(
                "start msg in=30",
                "block 0 thinking", "thinking 0 **Planning** I should read", "thinking 0  the file.",
                "signature 0 baton:gemini:CiQBVKhc7w==", "stop 0",
                "block 1 tool_use toolu_1 Read", "input 1 {\"file_path\":\"/a\"}", "stop 1",
                "finish tool_use in=30 out=29 cached=0", "end");
        assertThat(memory.get(GeminiSignatures.KIND, "toolu_1")).isEqualTo("CiQBVKhc7w==");
    }

    @Test
    void textThenParallelCallsStopForToolUseAndOnlyTheFirstCallCarriesTheSignature() throws Exception {
        List<String> events = decode("""
                data: {"candidates":[{"content":{"parts":[{"text":"Checking both."}],"role":"model"}}]}

                data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"Read","args":{"file_path":"/a"}},"thoughtSignature":"SIG1"},{"functionCall":{"name":"Read","args":{"file_path":"/b"}}}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":8}}

                """);

        assertThat(events).containsExactly(
                "start msg in=0",
                "block 0 text", "text 0 Checking both.", "stop 0",
                "block 1 tool_use toolu_1 Read", "input 1 {\"file_path\":\"/a\"}", "stop 1",
                "block 2 tool_use toolu_2 Read", "input 2 {\"file_path\":\"/b\"}", "stop 2",
                "finish tool_use in=5 out=8 cached=0", "end");
        assertThat(memory.get(GeminiSignatures.KIND, "toolu_1")).isEqualTo("SIG1");
        assertThat(memory.get(GeminiSignatures.KIND, "toolu_2")).isNull();
    }

    @Test
    void anEmptyTextPartCarryingOnlyASignatureNeverOpensAnEmptyBlock() throws Exception {
        List<String> events = decode("""
                data: {"candidates":[{"content":{"parts":[{"text":"Done."}],"role":"model"}}]}

                data: {"candidates":[{"content":{"parts":[{"text":"","thoughtSignature":"TAIL"}],"role":"model"},"finishReason":"STOP"}]}

                """);

        assertThat(events).containsExactly("start msg in=0", "block 0 text", "text 0 Done.", "stop 0",
                "finish end_turn in=0 out=0 cached=0", "end");
    }

    @Test
    void aSignatureOnTheTextAfterTheThoughtsSignsTheThinkingBlock() throws Exception {
        List<String> events = decode("""
                data: {"candidates":[{"content":{"parts":[{"text":"hmm","thought":true},{"text":"Answer","thoughtSignature":"S2"}],"role":"model"},"finishReason":"MAX_TOKENS"}]}

                """);

        assertThat(events).containsExactly("start msg in=0", "block 0 thinking", "thinking 0 hmm",
                "signature 0 baton:gemini:S2", "stop 0", "block 1 text", "text 1 Answer", "stop 1",
                "finish max_tokens in=0 out=0 cached=0", "end");
    }

    @Test
    void aStreamCutBeforeItsFinishReasonIsAReset() throws Exception {
        GeminiStreamDecoder decoder = decoder();
        List<StreamEvent> out = new ArrayList<>();
        decoder.decode(SseEvent.of(null, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}"), out::add);

        assertThatThrownBy(() -> decoder.end(out::add)).isInstanceOfSatisfying(FailureException.class,
                e -> assertThat(e.failure()).isInstanceOf(Failure.Reset.class));
    }

    @Test
    void anErrorChunkInsideTheStreamIsClassified() {
        GeminiStreamDecoder decoder = decoder();
        SseEvent error = SseEvent.of(null, """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"12s"}]}}""");

        assertThatThrownBy(() -> decoder.decode(error, e -> { })).isInstanceOfSatisfying(FailureException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.RateLimited.class);
            assertThat(e.failure().retryAfter()).isEqualTo(Duration.ofSeconds(12));
        });
        assertThat(decoder.isLast(error)).isTrue();
    }

    @Test
    void aMalformedFunctionCallIsAFailureToRetryElsewhereNotAnEmptyAnswer() {
        SseEvent chunk = SseEvent.of(null, "{\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":\"MALFORMED_FUNCTION_CALL\"}]}");

        assertThatThrownBy(() -> decoder().decode(chunk, e -> { })).isInstanceOfSatisfying(FailureException.class,
                e -> assertThat(e.failure().fallsBack()).isTrue());
    }

    @Test
    void aBlockedPromptIsARefusalInWords() throws Exception {
        List<String> events = decode("""
                data: {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}

                """);

        assertThat(events).containsExactly("start msg in=8", "block 0 text", "text 0 Gemini blocked this prompt (blockReason SAFETY).",
                "stop 0", "finish refusal in=8 out=0 cached=0", "end");
    }

    @Test
    void aWholeAnswerReadsLikeTheSameStream() throws Exception {
        String whole = """
                {"candidates":[{"content":{"parts":[{"text":"Let me think","thought":true},
                  {"functionCall":{"name":"Bash","args":{"command":"ls"}},"thoughtSignature":"SIG"},
                  {"functionCall":{"id":"call-7","name":"Bash","args":{"command":"pwd"}}}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":10,"totalTokenCount":130,"cachedContentTokenCount":60,"thoughtsTokenCount":20},
                 "modelVersion":"gemini-2.5-pro","responseId":"r-9"}""";

        ChatResponse r = GeminiResponseDecoder.decode(whole.getBytes(StandardCharsets.UTF_8), decoder());

        assertThat(r.id()).isEqualTo("r-9");
        assertThat(r.model()).isEqualTo("gemini-2.5-pro");
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.usage()).isEqualTo(new Usage(40, 30, 60, 0, 0));
        assertThat(r.content()).containsExactly(
                new Block.Thinking("Let me think", "baton:gemini:SIG"),
                new Block.ToolUse("toolu_1", "Bash", dev.baton.dialect.Json.MAPPER.readTree("{\"command\":\"ls\"}")),
                new Block.ToolUse("call-7", "Bash", dev.baton.dialect.Json.MAPPER.readTree("{\"command\":\"pwd\"}")));
        assertThat(memory.get(GeminiSignatures.KIND, "toolu_1")).isEqualTo("SIG");
    }

    @Test
    void aWholeAnswerThatIsNotGeminisShapeIsMalformed() {
        assertThatThrownBy(() -> GeminiResponseDecoder.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8), "m", memory))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
    }

    private GeminiStreamDecoder decoder() {
        return new GeminiStreamDecoder("m", memory, () -> "toolu_" + ids.incrementAndGet());
    }

    private List<String> decode(String sse) throws Exception {
        GeminiStreamDecoder decoder = decoder();
        List<String> out = new ArrayList<>();
        SseReader reader = new SseReader(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)));
        for (SseEvent e = reader.next(); e != null; e = reader.next()) decoder.decode(e, ev -> out.add(render(ev)));
        decoder.end(ev -> out.add(render(ev)));
        return out;
    }

    private static String render(StreamEvent e) {
        return switch (e) {
            case StreamEvent.Start s -> "start " + (s.id().startsWith("msg_") ? "msg" : s.id() + " " + s.model()) + " in=" + s.usage().inputTokens();
            case StreamEvent.BlockStart b -> "block " + b.index() + " " + switch (b.block()) {
                case Block.Text t -> "text";
                case Block.Thinking t -> "thinking";
                case Block.ToolUse u -> "tool_use " + u.id() + " " + u.name();
                default -> b.block().toString();
            };
            case StreamEvent.TextDelta d -> "text " + d.index() + " " + d.text();
            case StreamEvent.ThinkingDelta d -> "thinking " + d.index() + " " + d.thinking();
            case StreamEvent.ToolInputDelta d -> "input " + d.index() + " " + d.partialJson();
            case StreamEvent.SignatureDelta d -> "signature " + d.index() + " " + d.signature();
            case StreamEvent.BlockStop b -> "stop " + b.index();
            case StreamEvent.Finish f -> "finish " + f.stopReason().wire() + " in=" + f.usage().inputTokens() + " out="
                    + f.usage().outputTokens() + " cached=" + f.usage().cacheReadTokens();
            case StreamEvent.End end -> "end";
        };
    }
}
