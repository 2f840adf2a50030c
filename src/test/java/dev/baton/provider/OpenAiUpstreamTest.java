package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.config.Secret;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.SseReader;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.ToolCallMemory;
import dev.baton.dialect.ToolIds;
import dev.baton.dialect.Wire;
import dev.baton.dialect.openai.OpenAiRequestDecoder;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.Fault;
import dev.baton.testing.OpenAiReply;
import dev.baton.testing.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAiUpstream against FakeOpenAi over real HTTP: every request the fake accepts is valid for the vendor's API. */
class OpenAiUpstreamTest {
    private static final HttpTransport TRANSPORT = new HttpTransport(Duration.ofSeconds(2));
    private static final Duration T = Duration.ofSeconds(5);
    static final JsonNode PATH_SCHEMA = Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
    static final List<Tool> TOOLS = List.of(Tool.function("Read", "Reads a file", PATH_SCHEMA));

    private FakeOpenAi fake;
    private final ToolCallMemory memory = new ToolCallMemory(100);
    private final ToolIds ids = new ToolIds(100);

    @BeforeEach
    void start() {
        fake = FakeOpenAi.start("upstream");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @AfterAll
    static void closeTransport() {
        TRANSPORT.close();
    }

    Deployment deployment(String provider, String model, String key) {
        return new Deployment("g", provider, model, fake.baseUrl() + "/v1", key == null ? null : Secret.of(key), null, null, null, null, 1,
                Map.of(), Map.of(), provider + "/" + model, 0);
    }

    OpenAiUpstream upstream(Deployment d) {
        return new OpenAiUpstream(d, TRANSPORT, ModelCatalog.defaults(), name -> null, memory, ids);
    }

    static ChatRequest request(List<Message> messages, ToolChoice choice, Integer maxTokens, boolean stream) {
        return new ChatRequest("claude-sonnet-4-5", List.of(new Block.Text("x-anthropic-billing-header: cch=1;"), new Block.Text("Be brief.")),
                messages, TOOLS, choice, null, maxTokens, null, null, null, List.of(), stream, null, null, null);
    }

    static UpstreamRequest call(Deployment d, ChatRequest r) {
        return new UpstreamRequest(d, d.model(), Endpoint.MESSAGES, CallerBody.canonical(Wire.ANTHROPIC, r), r.stream(), CallerContext.NONE,
                new Timeouts(T, T, T));
    }

    /** What the server does with an attempt: a failure, a whole answer, or the canonical events of a stream. */
    record Outcome(Failure failure, ChatResponse response, List<StreamEvent> events) {}

    static Outcome run(Upstream u, UpstreamRequest req) {
        try (UpstreamResponse r = u.open(req)) {
            if (r.status() != 200) {
                return new Outcome(u.classify(r.status(), r.headers(), r.body().readNBytes(1 << 20), Instant.now()), null, null);
            }
            if (!req.stream()) return new Outcome(null, u.decode(r.body().readAllBytes(), req), null);
            StreamDecoder decoder = u.streamDecoder(req);
            List<StreamEvent> events = new ArrayList<>();
            SseReader reader = new SseReader(r.body());
            try {
                for (SseEvent e; (e = reader.next()) != null; ) decoder.decode(e, events::add);
                decoder.end(events::add);
            } catch (IOException e) {
                return new Outcome(HttpTransport.duringBody(e, events.stream().noneMatch(StreamEvent::isContent)), null, events);
            }
            return new Outcome(null, null, events);
        } catch (FailureException e) {
            return new Outcome(e.failure(), null, null);
        } catch (IOException e) {
            return new Outcome(HttpTransport.duringBody(e, true), null, null);
        }
    }

    static final List<Message> TOOL_HISTORY = List.of(
            Message.user(new Block.Text("Read a.txt and show me the screenshot")),
            Message.assistant(new Block.Thinking("Two steps.", "EqQBCkgIAxgC"), new Block.ToolUse("toolu_01A", "Read", Json.MAPPER.readTree("{\"path\":\"a.txt\"}")),
                    new Block.ToolUse("toolu_01B", "Read", Json.MAPPER.readTree("{\"path\":\"shot.png\"}"))),
            Message.user(new Block.ToolResult("toolu_01A", List.of(new Block.Text("alpha")), false),
                    new Block.ToolResult("toolu_01B", List.of(Block.Image.base64("image/png", "iVBORw0KGgo=")), false),
                    new Block.Text("What do they say?")));

    /** Field notes 1, 4, 38: Claude Code's tool turn, translated, is a valid OpenAI request; the answer decodes. */
    @Test
    void claudeCodeToolTurnIsAcceptedByOpenAiAndTheAnswerDecodes() {
        fake.replyText("They say alpha.");
        Deployment d = deployment("openai", "gpt-4.1", "sk-test");
        Outcome o = run(upstream(d), call(d, request(TOOL_HISTORY, ToolChoice.AUTO, 32_000, false)));
        assertThat(o.failure()).isNull();
        assertThat(o.response().content()).containsExactly(new Block.Text("They say alpha."));
        assertThat(o.response().stopReason()).isEqualTo(StopReason.END_TURN);

        RecordedRequest sent = fake.takeRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-test");
        JsonNode body = sent.json();
        assertThat(body.get("model").asString()).isEqualTo("gpt-4.1");
        assertThat(body.at("/messages/0")).isEqualTo(Json.MAPPER.readTree("{\"role\":\"system\",\"content\":\"Be brief.\"}"));
        assertThat(body.get("messages")).extracting(m -> m.get("role").asString()).containsExactly("system", "user", "assistant", "tool", "tool", "user");
        assertThat(body.at("/messages/5/content/1/image_url/url").asString()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(body.at("/messages/2").has("reasoning_content")).isFalse();
    }

    static final List<StreamEvent> TWO_CALLS = List.of(
            new StreamEvent.BlockStart(0, new Block.ToolUse("call_a", "Read", Json.MAPPER.createObjectNode())), new StreamEvent.ToolInputDelta(0, "{\"path\":\"a.txt\"}"),
            new StreamEvent.BlockStop(0),
            new StreamEvent.BlockStart(1, new Block.ToolUse("call_b", "Read", Json.MAPPER.createObjectNode())), new StreamEvent.ToolInputDelta(1, "{\"path\":\"b.txt\"}"),
            new StreamEvent.BlockStop(1));

    /** Field notes 8, 10: parallel calls arrive whole and valid, with a tool_use stop, however the server chunks them. */
    @ParameterizedTest
    @EnumSource(value = FakeOpenAi.Chunking.class, names = "NO_ARGS", mode = EnumSource.Mode.EXCLUDE)
    void streamedParallelToolCallsDecodeForEveryChunking(FakeOpenAi.Chunking chunking) {
        fake.chunking(chunking);
        fake.reply(OpenAiReply.toolCalls(new OpenAiReply.Call("call_a", "Read", "{\"path\":\"a.txt\"}"),
                new OpenAiReply.Call("call_b", "Read", "{\"path\":\"b.txt\"}")).withCachedTokens(3));
        Deployment d = deployment("openai", "gpt-4.1", "sk-test");
        Outcome o = run(upstream(d), call(d, request(List.of(Message.user(new Block.Text("read both"))), null, null, true)));
        assertThat(o.failure()).isNull();
        assertThat(o.events().subList(1, 7)).isEqualTo(TWO_CALLS);
        StreamEvent.Finish finish = (StreamEvent.Finish) o.events().get(7);
        assertThat(finish.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(finish.usage().cacheReadTokens()).isEqualTo(3);
        assertThat(finish.usage().inputTokens()).isPositive();
        assertThat(o.events().getLast()).isEqualTo(new StreamEvent.End());
        assertThat(fake.takeRequest().json().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    /** Field notes 10: arguments that never come fail the attempt (so it falls back) instead of becoming `{}`. */
    @Test
    void argumentsThatNeverArriveFailTheAttemptAsMalformed() {
        fake.chunking(FakeOpenAi.Chunking.NO_ARGS);
        fake.reply(OpenAiReply.toolCall("call_a", "Read", "{\"path\":\"a.txt\"}"));
        Deployment d = deployment("openai", "gpt-4.1", "sk-test");
        Outcome o = run(upstream(d), call(d, request(List.of(Message.user(new Block.Text("read"))), null, null, true)));
        assertThat(o.failure()).isInstanceOf(Failure.Malformed.class);
        assertThat(o.failure().fallsBack()).isTrue();
    }

    /** Field notes 16: DeepSeek's reasoning goes back on the turn that called the tool, though the client dropped it. */
    @Test
    void deepseekThinkingGetsItsReasoningBackOnTheNextTurn() {
        fake.profile(FakeOpenAi.Profile.DEEPSEEK_THINKING);
        fake.reply(OpenAiReply.toolCall("call_00_x1", "Read", "{\"path\":\"a.txt\"}").withReasoning("I must read a.txt first."));
        Deployment d = deployment("deepseek", "deepseek-v4-flash", "sk-ds");
        ChatRequest first = new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text("what is in a.txt?"))), TOOLS, null, null, 4096,
                null, null, null, List.of(), true, new Reasoning(null, "high"), null, null);
        Outcome o1 = run(upstream(d), call(d, first));
        assertThat(o1.failure()).isNull();
        assertThat(o1.events()).anySatisfy(e -> assertThat(e).isInstanceOf(StreamEvent.ThinkingDelta.class));
        JsonNode firstBody = fake.takeRequest().json();
        assertThat(firstBody.get("thinking")).isEqualTo(Json.MAPPER.readTree("{\"type\":\"enabled\"}"));

        fake.replyText("It says alpha.");
        // the client kept the tool call but not the reasoning (Claude Code strips what it cannot verify)
        ChatRequest second = first.withMessages(List.of(first.messages().get(0),
                Message.assistant(new Block.ToolUse("call_00_x1", "Read", Json.MAPPER.readTree("{\"path\":\"a.txt\"}"))),
                Message.user(new Block.ToolResult("call_00_x1", List.of(new Block.Text("alpha")), false))));
        Outcome o2 = run(upstream(d), call(d, second));
        assertThat(o2.failure()).isNull();
        assertThat(fake.takeRequest().json().at("/messages/1/reasoning_content").asString()).isEqualTo("I must read a.txt first.");
    }

    /** Field notes 6: deepseek-reasoner gets no tool_choice, whatever the caller chose. */
    @Test
    void deepseekReasonerIsNeverSentToolChoice() {
        fake.profile(FakeOpenAi.Profile.DEEPSEEK_REASONER);
        Deployment d = deployment("deepseek", "deepseek-reasoner", "sk-ds");
        Outcome o = run(upstream(d), call(d, request(List.of(Message.user(new Block.Text("search"))), ToolChoice.ANY, 100_000, false)));
        assertThat(o.failure()).isNull();
        JsonNode sent = fake.takeRequest().json();
        assertThat(sent.has("tool_choice")).isFalse();
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(65_536);
    }

    /** Field notes 18: Claude Code's 32k output request fits deepseek-chat's [1, 8192]. */
    @Test
    void maxTokensIsClampedToWhatTheModelAccepts() {
        fake.profile(FakeOpenAi.Profile.DEEPSEEK_CHAT);
        Deployment d = deployment("deepseek", "deepseek-chat", "sk-ds");
        Outcome o = run(upstream(d), call(d, request(List.of(Message.user(new Block.Text("hi"))), null, 32_000, false)));
        assertThat(o.failure()).isNull();
        assertThat(fake.takeRequest().json().get("max_tokens").asInt()).isEqualTo(8192);
    }

    /** Field notes 5: a Claude Code transcript replayed to Mistral gets ids it accepts and the role order it demands. */
    @Test
    void mistralAcceptsAReplayedClaudeTranscript() {
        fake.profile(FakeOpenAi.Profile.MISTRAL);
        fake.reply(OpenAiReply.toolCall("D681PevKs", "Read", "{\"path\":\"b.txt\"}"));
        Deployment d = deployment("mistral", "devstral-medium-latest", "sk-mi");
        Outcome o = run(upstream(d), call(d, request(TOOL_HISTORY, new ToolChoice.Named("Read"), 32_000, true)));
        assertThat(o.failure()).isNull();
        assertThat(o.events()).contains(new StreamEvent.BlockStart(0, new Block.ToolUse("D681PevKs", "Read", Json.MAPPER.createObjectNode())));
        JsonNode sent = fake.takeRequest().json();
        assertThat(sent.at("/messages/2/tool_calls/0/id").asString()).matches("[a-zA-Z0-9]{9}");
        assertThat(ids.toCaller(sent.at("/messages/2/tool_calls/0/id").asString(), ToolIds.Rule.ANTHROPIC)).isEqualTo("toolu_01A");
    }

    @Test
    void faultsBecomeFailures() {
        Deployment d = deployment("openai", "gpt-4.1", "sk-test");
        UpstreamRequest whole = call(d, request(List.of(Message.user(new Block.Text("hi"))), null, null, false));
        UpstreamRequest stream = call(d, request(List.of(Message.user(new Block.Text("hi"))), null, null, true));
        OpenAiUpstream u = upstream(d);

        fake.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        Failure limited = run(u, whole).failure();
        assertThat(limited).isInstanceOf(Failure.RateLimited.class);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));

        fake.enqueue(Fault.serverError(500));
        assertThat(run(u, whole).failure()).isInstanceOf(Failure.ServerError.class);
        fake.enqueue(Fault.serverError(503));
        assertThat(run(u, whole).failure()).isInstanceOf(Failure.Overloaded.class);
        fake.enqueue(Fault.resetBeforeHeaders());
        assertThat(run(u, stream).failure()).isInstanceOf(Failure.Reset.class);
        fake.enqueue(Fault.malformed());
        assertThat(run(u, stream).failure()).isInstanceOf(Failure.Malformed.class);
        fake.enqueue(Fault.malformed());
        assertThat(run(u, whole).failure()).isInstanceOf(Failure.Malformed.class);
        fake.enqueue(Fault.inStreamError(2, "server_error", "The server had an error"));
        assertThat(run(u, stream).failure()).isInstanceOf(Failure.ServerError.class);
        fake.enqueue(Fault.resetMidStream(3));
        Outcome cut = run(u, stream);
        assertThat(cut.failure()).isInstanceOf(Failure.Reset.class);
        assertThat(((Failure.Reset) cut.failure()).beforeFirstByte()).isFalse();
        fake.enqueue(Fault.status(400, "invalid_request_error", "This model's maximum context length is 128000 tokens."));
        assertThat(run(u, whole).failure()).isInstanceOf(Failure.ContextTooLong.class);
    }

    @Test
    void theKeyComesFromTheVendorsEnvironmentVariableAndItsAbsenceIsMisconfiguration() {
        fake.requireApiKey("sk-from-env");
        Deployment d = deployment("groq", "openai/gpt-oss-120b", null);
        UpstreamRequest req = call(d, request(List.of(Message.user(new Block.Text("hi"))), null, null, false));
        Outcome withEnv = run(new OpenAiUpstream(d, TRANSPORT, ModelCatalog.defaults(), Map.of("GROQ_API_KEY", "sk-from-env")::get, memory, ids), req);
        assertThat(withEnv.failure()).isNull();
        Outcome without = run(upstream(d), req);
        assertThat(without.failure()).isInstanceOf(Failure.Misconfigured.class);
        assertThat(without.failure().detail()).doesNotContain("sk-from-env");
    }

    /** Same dialect: the caller's body passes through with model rewritten, unknown fields intact, vendor fixes applied. */
    @Test
    void anOpenAiCallersBodyPassesThroughWithItsOwnFields() {
        ObjectNode raw = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"my-alias","messages":[{"role":"user","content":"hi"}],"seed":7,"max_completion_tokens":50000,"logit_bias":{"50256":-100}}""");
        Deployment d = deployment("deepseek", "deepseek-chat", "sk-ds");
        fake.profile(FakeOpenAi.Profile.DEEPSEEK_CHAT);
        UpstreamRequest req = new UpstreamRequest(d, "deepseek-chat", Endpoint.MESSAGES, new CallerBody(Wire.OPENAI, raw, OpenAiRequestDecoder::decode),
                false, CallerContext.NONE, new Timeouts(T, T, T));
        assertThat(run(upstream(d), req).failure()).isNull();
        JsonNode sent = fake.takeRequest().json();
        assertThat(sent.get("model").asString()).isEqualTo("deepseek-chat");
        assertThat(sent.get("seed").asInt()).isEqualTo(7);
        assertThat(sent.has("logit_bias")).isTrue();
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(8192);
        assertThat(sent.has("max_completion_tokens")).isFalse();
        assertThat(raw.get("model").asString()).isEqualTo("my-alias"); // the caller's tree is never changed
    }

    @Test
    void aBaseUrlWithoutAPathGetsV1AndLocalServersNeedNoKey() {
        Deployment d = new Deployment("g", "ollama_chat", "qwen3-coder", fake.baseUrl(), null, null, null, null, null, 1, Map.of(), Map.of(), "ollama", 0);
        assertThat(OpenAiUpstream.normalizeBase("http://127.0.0.1:11434")).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(OpenAiUpstream.normalizeBase("https://openrouter.ai/api/v1/")).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(OpenAiUpstream.normalizeBase("http://h:8000/v1/chat/completions")).isEqualTo("http://h:8000/v1");
        Outcome o = run(upstream(d), call(d, request(List.of(Message.user(new Block.Text("hi"))), null, null, false)));
        assertThat(o.failure()).isInstanceOf(Failure.Misconfigured.class); // the fake, unlike Ollama, wants a key
        assertThat(fake.takeRequest().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void everyOpenAiCompatiblePrefixIsServedAndVllmNeedsItsBase() {
        for (String prefix : OpenAiVendor.PREFIXES) {
            Deployment d = new Deployment("g", prefix, "m", prefix.equals("hosted_vllm") ? "http://127.0.0.1:8000/v1" : null, null, null, null,
                    null, null, 1, Map.of(), Map.of(), prefix, 0);
            assertThat(Upstreams.forDeployment(d, TRANSPORT)).isInstanceOf(OpenAiUpstream.class);
        }
        Deployment noBase = new Deployment("g", "hosted_vllm", "m", null, null, null, null, null, null, 1, Map.of(), Map.of(), "vllm", 0);
        assertThatThrownBy(() -> Upstreams.forDeployment(noBase, TRANSPORT)).hasMessageContaining("api_base");
    }
}
