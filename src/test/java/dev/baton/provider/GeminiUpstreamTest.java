package dev.baton.provider;

import static dev.baton.provider.UpstreamCalls.call;
import static dev.baton.provider.UpstreamCalls.request;
import static dev.baton.provider.UpstreamCalls.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.Role;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Tool;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.config.Secret;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import dev.baton.testing.FakeGemini;
import dev.baton.testing.Fault;
import dev.baton.testing.GeminiReply;
import dev.baton.testing.RecordedRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code gemini/} over real HTTP against a fake that validates requests as Gemini does. */
class GeminiUpstreamTest {
    private static final String KEY = "AIzaSy-test-key-123456";
    private static FakeGemini fake;
    private static HttpTransport transport;

    private final ToolCallMemory memory = new ToolCallMemory(1000);

    @BeforeAll
    static void start() {
        fake = FakeGemini.start("gemini");
        transport = new HttpTransport(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        fake.close();
        transport.close();
    }

    @AfterEach
    void reset() {
        fake.reset();
    }

    @Test
    void aWholeAnswerComesFromGenerateContentWithTheKeyInItsHeader() throws Exception {
        fake.requireApiKey(KEY);
        fake.replyText("Hi there");

        ChatResponse r = call(upstream(Map.of()), request(deployment(), chat("Hello"), false));

        assertThat(r.content()).containsExactly(new Block.Text("Hi there"));
        assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(r.usage().inputTokens()).isPositive();
        RecordedRequest sent = fake.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.json().at("/contents/0/parts/0/text").asString()).isEqualTo("Hello");
    }

    @Test
    void aStreamComesFromStreamGenerateContentAsServerSentEvents() throws Exception {
        fake.replyText("The answer is forty-two.");

        List<StreamEvent> events = stream(upstream(Map.of()), request(deployment(), chat("?"), true));

        assertThat(fake.takeRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.Start.class);
        assertThat(events.getLast()).isInstanceOf(StreamEvent.End.class);
        assertThat(text(events)).isEqualTo("The answer is forty-two.");
        assertThat(events.stream().filter(e -> e instanceof StreamEvent.TextDelta)).hasSize(3);
    }

    @Test
    void theKeyComesFromTheEnvironmentWhenTheDeploymentHasNone() throws Exception {
        fake.requireApiKey(KEY);
        Deployment keyless = new Deployment("g", "gemini", "gemini-2.5-flash", fake.baseUrl(), null, null, null, null, null, 1,
                Map.of(), Map.of(), "gemini/gemini-2.5-flash", 0);

        call(new GeminiUpstream(keyless, transport, ModelCatalog.defaults(), Map.of("GOOGLE_API_KEY", KEY), memory), request(keyless, chat("hi"), false));

        assertThat(fake.takeRequest().header("x-goog-api-key")).isEqualTo(KEY);
        assertThatThrownBy(() -> call(new GeminiUpstream(keyless, transport, ModelCatalog.defaults(), Map.of(), memory), request(keyless, chat("hi"), false)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Misconfigured.class));
    }

    @Test
    void aToolCallRoundTripKeepsTheSignatureGemini3Demands() throws Exception {
        fake.reply(GeminiReply.thinkThenCall("I should read it", GeminiReply.call0("Read", "{\"file_path\":\"/a\"}"),
                GeminiReply.call0("Read", "{\"file_path\":\"/b\"}")));
        ChatRequest first = new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text("read a and b"))), List.of(read()),
                null, null, 4096, null, null, null, List.of(), true, new Reasoning(2048, null), null, null);

        List<StreamEvent> events = stream(upstream(Map.of()), request(deployment(), first, true));
        List<Block> turn = blocks(events);
        assertThat(turn).hasSize(3).first().isInstanceOf(Block.Thinking.class);
        assertThat(((Block.Thinking) turn.getFirst()).signature()).startsWith("baton:gemini:");
        Block.ToolUse a = (Block.ToolUse) turn.get(1);
        Block.ToolUse b = (Block.ToolUse) turn.get(2);
        assertThat(a.id()).matches("toolu_[A-Za-z0-9]{24}");
        assertThat(((StreamEvent.Finish) events.get(events.size() - 2)).stopReason()).isEqualTo(StopReason.TOOL_USE);

        fake.replyText("a and b read");
        ChatRequest second = first.withMessages(List.of(first.messages().getFirst(), new Message(Role.ASSISTANT, turn),
                Message.user(new Block.ToolResult(b.id(), List.of(new Block.Text("B")), false),
                        new Block.ToolResult(a.id(), List.of(new Block.Text("A")), false))));
        ChatResponse answer = call(upstream(Map.of()), request(deployment(), second, false));

        assertThat(answer.content()).containsExactly(new Block.Text("a and b read"));
        fake.takeRequest();
        JsonNode replayed = fake.takeRequest().json().at("/contents/1/parts/0");
        assertThat(fake.issuedSignature(replayed.get("thoughtSignature").asString())).isTrue();
    }

    @Test
    void theSignatureSurvivesAClientThatDropsThinkingBlocks() throws Exception {
        fake.reply(GeminiReply.call("Read", "{\"file_path\":\"/a\"}"));
        ChatResponse called = call(upstream(Map.of()), request(deployment(), chat("read a").withTools(List.of(read()), null), false));
        Block.ToolUse use = (Block.ToolUse) called.content().getFirst();

        fake.replyText("done");
        ChatRequest next = chat("read a").withTools(List.of(read()), null).withMessages(List.of(Message.user(new Block.Text("read a")),
                Message.assistant(use), Message.user(new Block.ToolResult(use.id(), List.of(new Block.Text("A")), false))));

        assertThat(call(upstream(Map.of()), request(deployment(), next, false)).content()).containsExactly(new Block.Text("done"));
    }

    @Test
    void claudeCodesWholeToolListPassesGeminisSchemaValidation() throws Exception {
        List<Tool> tools = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/claude-code-tools.json")) {
            for (JsonNode t : Json.MAPPER.readTree(in)) {
                tools.add(Tool.function(t.get("name").asString(), t.get("description").asString(), t.get("input_schema")));
            }
        }

        ChatResponse r = call(upstream(Map.of()), request(deployment(), chat("hi").withTools(tools, null).withMaxTokens(32_000), false));

        assertThat(r.stopReason()).isEqualTo(StopReason.END_TURN);
        JsonNode sent = fake.takeRequest().json();
        assertThat(sent.at("/tools/0/functionDeclarations")).hasSize(tools.size());
        assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(32_000);
    }

    @Test
    void claudeCodesLargeMaxTokensAreClampedToTheModelsLimit() throws Exception {
        fake.maxOutputTokens(8192);
        Deployment d = new Deployment("g", "gemini", "gemini-2.0-flash", fake.baseUrl(), Secret.of(KEY), null, null, null, null, 1,
                Map.of(), Map.of(), "gemini/gemini-2.0-flash", 0);

        call(new GeminiUpstream(d, transport, ModelCatalog.defaults(), Map.of(), memory), request(d, chat("hi").withMaxTokens(32_000), false));

        assertThat(fake.takeRequest().json().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(8192);
    }

    /** A model the catalog does not know gets Gemini's smallest common output limit (its family default, `gemini-*`). */
    @Test
    void anUnknownGeminiModelGetsTheFamilysOutputLimitAndModelInfoWins() throws Exception {
        fake.maxOutputTokens(8192);
        Deployment unknown = new Deployment("g", "gemini", "gemini-9-ultra", fake.baseUrl(), Secret.of(KEY), null, null, null, null, 1,
                Map.of(), Map.of(), "gemini/gemini-9-ultra", 0);
        call(upstream(unknown), request(unknown, chat("hi").withMaxTokens(32_000), false));
        assertThat(fake.takeRequest().json().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(8192);

        Deployment told = new Deployment("g", "gemini", "gemini-9-ultra", fake.baseUrl(), Secret.of(KEY), null, null, null, null, 1,
                Map.of(), Map.of("max_output_tokens", 4096), "gemini/gemini-9-ultra", 0);
        call(upstream(told), request(told, chat("hi").withMaxTokens(32_000), false));
        assertThat(fake.takeRequest().json().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(4096);
    }

    /** Field notes 18: input plus output stay inside the window (`model_info.max_input_tokens` here). */
    @Test
    void maxTokensAreClampedToWhatTheContextWindowLeaves() throws Exception {
        Deployment small = new Deployment("g", "gemini", "gemini-2.5-flash", fake.baseUrl(), Secret.of(KEY), null, null, null, null, 1,
                Map.of(), Map.of("max_input_tokens", 10_000), "gemini/gemini-2.5-flash", 0);
        String big = "word ".repeat(7_000); // about 7,000 tokens

        call(upstream(small), request(small, chat(big).withMaxTokens(32_000), false));

        int max = fake.takeRequest().json().at("/generationConfig/maxOutputTokens").asInt();
        assertThat(max).isLessThanOrEqualTo(3_000).isGreaterThanOrEqualTo(1_024);
    }

    private GeminiUpstream upstream(Deployment d) {
        return new GeminiUpstream(d, transport, ModelCatalog.defaults(), Map.of(), memory);
    }

    @Test
    void resourceExhaustedIsARateLimitThatWaitsForRetryInfo() {
        fake.enqueue(Fault.status(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota. Please retry in 31.5s."));

        assertThatThrownBy(() -> call(upstream(Map.of()), request(deployment(), chat("hi"), false)))
                .isInstanceOfSatisfying(FailureException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.RateLimited.class);
                    assertThat(e.failure().retryAfter()).isEqualTo(Duration.ofSeconds(31));
                });
    }

    @Test
    void overloadAndServerErrorsFallBack() {
        fake.enqueue(Fault.serverError(503));
        fake.enqueue(Fault.serverError(500));

        assertThatThrownBy(() -> call(upstream(Map.of()), request(deployment(), chat("hi"), true)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Overloaded.class));
        assertThatThrownBy(() -> call(upstream(Map.of()), request(deployment(), chat("hi"), false)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.ServerError.class));
    }

    @Test
    void aResetBeforeTheHeadersIsAResetBeforeTheFirstByte() {
        fake.enqueue(Fault.resetBeforeHeaders());

        assertThatThrownBy(() -> stream(upstream(Map.of()), request(deployment(), chat("hi"), true)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isEqualTo(
                        new Failure.Reset(true, ((Failure.Reset) e.failure()).detail())));
    }

    @Test
    void aResetMidStreamIsAResetAfterContent() {
        fake.replyText("a long enough answer to come in three chunks");
        fake.enqueue(Fault.resetMidStream(1));

        assertThatThrownBy(() -> stream(upstream(Map.of()), request(deployment(), chat("hi"), true)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Reset.class));
    }

    @Test
    void aStallMidStreamTimesOutAsIdle() {
        fake.replyText("a long enough answer to come in three chunks");
        fake.enqueue(Fault.stallMidStream(1, Duration.ofSeconds(5)));
        Timeouts shortIdle = new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(20));

        assertThatThrownBy(() -> stream(upstream(Map.of()), request(deployment(), chat("hi"), true, CallerContext.NONE, shortIdle)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.TimedOut.class));
    }

    @Test
    void aMalformedChunkIsMalformed() {
        fake.replyText("a long enough answer to come in three chunks");
        fake.enqueue(Fault.malformed());

        assertThatThrownBy(() -> stream(upstream(Map.of()), request(deployment(), chat("hi"), true)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
    }

    @Test
    void anErrorInsideTheStreamIsClassifiedInGooglesTerms() {
        fake.replyText("a long enough answer to come in three chunks");
        fake.enqueue(Fault.inStreamError(1, "UNAVAILABLE", "The model is overloaded. Please try again later."));

        assertThatThrownBy(() -> stream(upstream(Map.of()), request(deployment(), chat("hi"), true)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Overloaded.class));
    }

    @Test
    void aRejectedKeyIsMisconfiguredAndTheKeyAppearsNowhere() {
        fake.requireApiKey("another-key");

        assertThatThrownBy(() -> call(upstream(Map.of()), request(deployment(), chat("hi"), false)))
                .isInstanceOfSatisfying(FailureException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Misconfigured.class);
                    assertThat(e.failure().detail()).doesNotContain(KEY);
                });
        assertThat(upstream(Map.of()).toString()).doesNotContain(KEY);
    }

    private GeminiUpstream upstream(Map<String, String> env) {
        return new GeminiUpstream(deployment(), transport, ModelCatalog.defaults(), env, memory);
    }

    private static Deployment deployment() {
        return new Deployment("gemini-flash", "gemini", "gemini-2.5-flash", fake.baseUrl(), Secret.of(KEY), null, null, null, null, 1,
                Map.of(), Map.of(), "gemini/gemini-2.5-flash", 0);
    }

    static ChatRequest chat(String text) {
        return new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text(text))), List.of(), null, null, null, null,
                null, null, List.of(), false, null, null, null);
    }

    static Tool read() {
        return Tool.function("Read", "Reads a file.", Json.MAPPER.readTree("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{
                  "file_path":{"type":"string"},"limit":{"type":"integer","exclusiveMinimum":0}},
                 "required":["file_path"],"additionalProperties":false}"""));
    }

    static String text(List<StreamEvent> events) {
        StringBuilder b = new StringBuilder();
        for (StreamEvent e : events) if (e instanceof StreamEvent.TextDelta d) b.append(d.text());
        return b.toString();
    }

    /** The content blocks a stream spelled out, assembled the way a client would. */
    static List<Block> blocks(List<StreamEvent> events) {
        List<Block> out = new ArrayList<>();
        Block current = null;
        StringBuilder text = new StringBuilder();
        String signature = null;
        for (StreamEvent e : events) {
            switch (e) {
                case StreamEvent.BlockStart s -> {
                    current = s.block();
                    text.setLength(0);
                    signature = null;
                }
                case StreamEvent.TextDelta d -> text.append(d.text());
                case StreamEvent.ThinkingDelta d -> text.append(d.thinking());
                case StreamEvent.ToolInputDelta d -> text.append(d.partialJson());
                case StreamEvent.SignatureDelta d -> signature = d.signature();
                case StreamEvent.BlockStop s -> out.add(switch (current) {
                    case Block.Text t -> new Block.Text(text.toString());
                    case Block.Thinking t -> new Block.Thinking(text.toString(), signature);
                    case Block.ToolUse u -> new Block.ToolUse(u.id(), u.name(), Json.MAPPER.readTree(text.toString()));
                    default -> current;
                });
                default -> { }
            }
        }
        return out;
    }
}
