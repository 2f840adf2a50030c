package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import dev.baton.testing.Fault;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.OpenAiReply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The official Anthropic SDK (what Claude Code speaks) served by an OpenAI-compatible upstream through Baton. */
class AnthropicCallerOpenAiUpstreamTest extends TwoFakes {
    FakeOpenAi openai;
    TestGateway gw;
    AnthropicClient client;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.start("openai");
        gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary).openai("claude-sonnet", "gpt", openai)
                .router("cooldown_time", "1").start();
        client = gw.sdk();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gw.close();
        openai.close();
    }

    private static MessageCreateParams.Builder params() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(32000).system("You are Claude Code.")
                .addUserMessage("Read a.txt and b.txt");
    }

    @Test
    void a_whole_answer_from_openai_reads_as_an_anthropic_message() {
        primary.always(Fault.rateLimited(Duration.ofSeconds(60)));
        openai.replyText("Hello from gpt");

        Message m = client.messages().create(params().build());

        assertThat(m.content().get(0).asText().text()).isEqualTo("Hello from gpt");
        assertThat(m.stopReason()).hasValue(StopReason.END_TURN);
        JsonNode sent = Wire.json(openai.takeRequest().body());
        assertThat(sent.path("model").asString()).isEqualTo(TestGateway.OPENAI_MODEL);
        assertThat(sent.path("messages").get(0).path("role").asString()).isEqualTo("system");
    }

    @Test
    void parallel_tool_calls_stream_as_tool_use_blocks_with_tool_use_stop_reason() {
        primary.always(Fault.rateLimited(Duration.ofSeconds(60)));
        openai.chunking(FakeOpenAi.Chunking.PER_CHARACTER);
        openai.reply(OpenAiReply.toolCalls(new OpenAiReply.Call("call_a", "Read", "{\"path\":\"a.txt\"}"),
                new OpenAiReply.Call("call_b", "Read", "{\"path\":\"b.txt\"}")));

        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params().build())) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();

        assertThat(m.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(m.content()).hasSize(2).allMatch(b -> b.isToolUse());
        ToolUseBlock second = m.content().get(1).asToolUse();
        assertThat(second.name()).isEqualTo("Read");
        assertThat(second._input().toString()).contains("b.txt");
    }

    @Test
    void a_session_survives_the_switch_claude_to_gpt_and_back() {
        // turn 1: Claude calls a tool
        primary.reply(dev.baton.testing.AnthropicReply.toolUse("toolu_01A", "Read", "{\"path\":\"a.txt\"}"));
        Message first = client.messages().create(params().build());
        ToolUseBlock call = first.content().get(0).asToolUse();

        // turn 2: Claude is rate-limited; GPT gets the tool result and calls another tool
        primary.always(Fault.rateLimited(Duration.ofSeconds(1)));
        openai.reply(OpenAiReply.toolCall("call_XYZ", "Read", "{\"path\":\"b.txt\"}"));
        MessageCreateParams.Builder convo = params().addMessage(first.toParam()).addUserMessageOfContentBlockParams(java.util.List.of(
                com.anthropic.models.messages.ContentBlockParam.ofToolResult(com.anthropic.models.messages.ToolResultBlockParam.builder()
                        .toolUseId(call.id()).content("A").build())));
        Message second = client.messages().create(convo.build());
        assertThat(second.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock call2 = second.content().get(0).asToolUse();
        JsonNode toGpt = Wire.json(openai.takeRequest().body());
        assertThat(toGpt.toString()).contains("toolu_01A"); // the assistant's tool call and the tool message pair up
        assertThat(toGpt.path("messages").get(3).path("role").asString()).isEqualTo("tool");

        // turn 3: GPT is rate-limited in its turn (the session, in a tool loop, stays on GPT while it serves), and
        // Claude, back, receives GPT's tool call with a valid Anthropic id, paired with its result
        primary.reset();
        primary.replyText("Both read.");
        openai.always(Fault.rateLimited(Duration.ofSeconds(30)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> gw.state("primary") != dev.baton.routing.DeploymentHealth.State.COOLING);
        Message third = client.messages().create(convo.addMessage(second.toParam()).addUserMessageOfContentBlockParams(java.util.List.of(
                com.anthropic.models.messages.ContentBlockParam.ofToolResult(com.anthropic.models.messages.ToolResultBlockParam.builder()
                        .toolUseId(call2.id()).content("B").build()))).build());
        assertThat(third.content().get(0).asText().text()).isEqualTo("Both read.");
        // the fake enforces Anthropic's pairing rules: GPT's call and its result reached Claude as a valid pair
        JsonNode toClaude = Wire.json(primary.takeRequest().body());
        assertThat(toClaude.path("messages").get(3).path("content").get(0).path("id").asString()).isEqualTo(call2.id());
        assertThat(toClaude.path("messages").get(4).path("content").get(0).path("tool_use_id").asString()).isEqualTo(call2.id());
    }
}
