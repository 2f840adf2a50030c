package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.StreamEncoder;
import dev.baton.dialect.ToolIds;
import dev.baton.testing.Dialect;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.FakeResponse;
import dev.baton.testing.FakeServer;
import dev.baton.testing.RecordedRequest;
import dev.baton.testing.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official openai-java SDK reads what Baton's OpenAI dialect writes (field notes 12): a server that answers with
 * {@link OpenAiDialect}'s encodings of a canonical answer, as the gateway will; and the SDK against the fake upstream.
 */
class OpenAiSdkReadsBatonTest {
    private static final OpenAiDialect DIALECT = new OpenAiDialect(new ToolIds(100));
    private static final ChatResponse ANSWER = new ChatResponse("msg_1", "claude-sonnet-4-5",
            List.of(new Block.Text("Reading both."), new Block.ToolUse("toolu_A", "Read", Json.MAPPER.readTree("{\"path\":\"a.txt\"}")),
                    new Block.ToolUse("toolu_B", "Read", Json.MAPPER.readTree("{\"path\":\"b.txt\"}"))),
            StopReason.TOOL_USE, null, new Usage(10, 20, 5, 0, 0));

    /** Answers every request with ANSWER in OpenAI's dialect, streamed through the stream encoder when asked. */
    private static final class BatonEncoding implements Dialect {
        public FakeResponse respond(RecordedRequest request) {
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(request.body());
            if (!body.path("stream").asBoolean(false)) {
                return FakeResponse.json(200, new String(DIALECT.encodeResponse(ANSWER, body.get("model").asString()), StandardCharsets.UTF_8));
            }
            StreamEncoder enc = DIALECT.streamEncoder(body.get("stream_options"), body.get("model").asString());
            List<SseEvent> events = new ArrayList<>();
            for (StreamEvent e : List.of(new StreamEvent.Start("msg_1", "m", Usage.ZERO),
                    new StreamEvent.BlockStart(0, new Block.Text("")), new StreamEvent.TextDelta(0, "Reading "), new StreamEvent.TextDelta(0, "both."),
                    new StreamEvent.BlockStop(0),
                    new StreamEvent.BlockStart(1, new Block.ToolUse("toolu_A", "Read", Json.MAPPER.createObjectNode())),
                    new StreamEvent.ToolInputDelta(1, "{\"path\":"), new StreamEvent.ToolInputDelta(1, "\"a.txt\"}"), new StreamEvent.BlockStop(1),
                    new StreamEvent.BlockStart(2, new Block.ToolUse("toolu_B", "Read", Json.MAPPER.createObjectNode())),
                    new StreamEvent.ToolInputDelta(2, "{\"path\":\"b.txt\"}"), new StreamEvent.BlockStop(2),
                    new StreamEvent.Finish(StopReason.TOOL_USE, null, new Usage(10, 20, 5, 0, 0)), new StreamEvent.End())) {
                String wire = new String(enc.encode(e), StandardCharsets.UTF_8);
                for (String frame : wire.split("\n\n")) if (frame.startsWith("data: ")) events.add(new SseEvent(null, frame.substring(6)));
            }
            return FakeResponse.sse(events);
        }

        public FakeResponse error(int status, String type, String message) {
            return FakeResponse.json(status, new String(DIALECT.errorBody(status, message == null ? "error" : message), StandardCharsets.UTF_8));
        }

        public SseEvent streamError(String type, String message) {
            return new SseEvent(null, "{}");
        }

        public int statusFor(String type) {
            return 500;
        }
    }

    private static OpenAIClient client(String base) {
        return OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey("sk-test").maxRetries(0).build();
    }

    private static ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model("claude-sonnet").addUserMessage("Read a.txt and b.txt");
    }

    @Test
    void sdkReadsAWholeAnswerWithToolCalls() {
        try (FakeServer server = FakeServer.start("baton", new BatonEncoding())) {
            OpenAIClient client = client(server.baseUrl());
            ChatCompletion c = client.chat().completions().create(params().build());
            assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(c.choices().get(0).message().content()).contains("Reading both.");
            assertThat(c.choices().get(0).message().toolCalls().orElseThrow()).hasSize(2);
            assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(15);
            client.close();
        }
    }

    @Test
    void sdkAccumulatesAStreamedAnswerIntoTheSameCompletion() {
        try (FakeServer server = FakeServer.start("baton", new BatonEncoding())) {
            OpenAIClient client = client(server.baseUrl());
            ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    params().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                stream.stream().forEach(acc::accumulate);
            }
            ChatCompletion c = acc.chatCompletion();
            var message = c.choices().get(0).message();
            assertThat(message.content()).contains("Reading both.");
            var calls = message.toolCalls().orElseThrow();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"path\":\"a.txt\"}");
            assertThat(calls.get(1).asFunction().id()).isEqualTo("toolu_B");
            assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(c.usage().orElseThrow().totalTokens()).isEqualTo(35);
            client.close();
        }
    }

    @Test
    void sdkTalksToTheFakeUpstreamAsToOpenAi() {
        try (FakeOpenAi fake = FakeOpenAi.start("sdk")) {
            OpenAIClient client = client(fake.baseUrl());
            assertThat(client.chat().completions().create(params().build()).choices().get(0).message().content()).contains("Hello from sdk");
            client.close();
        }
    }
}
