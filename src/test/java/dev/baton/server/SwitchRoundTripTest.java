package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.baton.routing.DeploymentHealth;
import dev.baton.testing.AnthropicReply;
import dev.baton.testing.FakeGemini;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.Fault;
import dev.baton.testing.GeminiReply;
import dev.baton.testing.OpenAiReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The issue's acceptance run: one streamed, tool-using Claude Code session starts on Anthropic, falls back to an
 * OpenAI-compatible server on a 429, then to Gemini when that one is rate-limited too, and returns to Anthropic. Each
 * fake validates what it receives as its real API does (tool pairing, ids, schemas, roles, thought signatures), and
 * the client sees one consistent conversation.
 */
class SwitchRoundTripTest extends TwoFakes {
    FakeOpenAi openai;
    FakeGemini gemini;
    TestGateway gw;
    AnthropicClient client;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.start("openai");
        gemini = FakeGemini.start("gemini");
        gemini.gemini3(true); // replayed function calls must carry the thought signature Gemini issued
        gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "claude", primary)
                .openai("claude-sonnet", "gpt", openai)
                .deployment("claude-sonnet", "gemini", "gemini/gemini-2.5-pro", gemini.baseUrl(), "AIza-test")
                .router("cooldown_time", "1")
                .baton("routing", "{settle_time: 100ms}") // the session may return to Claude soon after it recovers
                .start();
        client = gw.sdk();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gw.close();
        openai.close();
        gemini.close();
    }

    /** Claude Code's Read tool, with the draft-07 schema keys Gemini rejects. */
    private static Tool readTool() {
        return Tool.builder().name("Read").description("Reads a file from the local filesystem.")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of(
                                "file_path", Map.of("type", "string", "description", "The absolute path to the file to read"),
                                "limit", Map.of("type", "number", "exclusiveMinimum", 0, "description", "The number of lines to read"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("file_path")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .putAdditionalProperty("$schema", JsonValue.from("http://json-schema.org/draft-07/schema#"))
                        .build())
                .build();
    }

    private Message stream(MessageCreateParams params) {
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params)) {
            s.stream().forEach(acc::accumulate);
        }
        return acc.message();
    }

    private static MessageCreateParams.Builder withResult(MessageCreateParams.Builder convo, Message turn, String content) {
        ToolUseBlock call = turn.content().stream().filter(b -> b.isToolUse()).findFirst().orElseThrow().asToolUse();
        return convo.addMessage(turn.toParam()).addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId(call.id()).content(content).build())));
    }

    private void awaitRecovered(String deployment) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gw.state(deployment) != DeploymentHealth.State.COOLING);
    }

    @Test
    void claude_then_gpt_then_gemini_then_claude_in_one_conversation() {
        MessageCreateParams.Builder convo = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(32000)
                .system("x-anthropic-billing-header: cc_version=2.0.1; cch=7f3a;\nYou are Claude Code.")
                .addTool(readTool()).addUserMessage("Read a.txt, b.txt and c.txt");

        // 1. Claude calls Read(a.txt)
        primary.reply(AnthropicReply.toolUse("toolu_01A", "Read", "{\"file_path\":\"/a.txt\"}"));
        Message one = stream(convo.build());
        assertThat(one.stopReason()).hasValue(StopReason.TOOL_USE);
        convo = withResult(convo, one, "contents of a");

        // 2. Claude answers 429: GPT gets the history, pairs Claude's call with its result, calls Read(b.txt)
        primary.always(Fault.rateLimited(Duration.ofSeconds(1)));
        openai.reply(OpenAiReply.toolCall("call_gpt_B", "Read", "{\"file_path\":\"/b.txt\"}"));
        Message two = stream(convo.build());
        assertThat(two.stopReason()).hasValue(StopReason.TOOL_USE);
        JsonNode toGpt = Wire.json(openai.takeRequest().body());
        assertThat(toGpt.toString()).doesNotContain("x-anthropic-billing-header").contains("toolu_01A");
        convo = withResult(convo, two, "contents of b");

        // 3. GPT answers 429 as well: Gemini gets all of it, schemas sanitized, and thinks before calling Read(c.txt)
        openai.always(Fault.rateLimited(Duration.ofSeconds(1)));
        gemini.reply(GeminiReply.thinkThenCall("c.txt is next", GeminiReply.call0("Read", "{\"file_path\":\"/c.txt\"}")));
        Message three = stream(convo.enabledThinking(2048).build());
        assertThat(three.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(three.content().get(0).isThinking()).isTrue();
        assertThat(three.content().get(0).asThinking().signature()).startsWith("baton:");
        JsonNode toGemini = Wire.json(gemini.takeRequest().body());
        assertThat(toGemini.toString()).doesNotContain("exclusiveMinimum").doesNotContain("additionalProperties")
                .doesNotContain("x-anthropic-billing-header");
        convo = withResult(convo, three, "contents of c");

        // 4. Gemini is asked again (Claude and GPT still cooling): its own call comes back with its thought signature
        gemini.replyText("a, b and c read.");
        Message four = stream(convo.build());
        assertThat(four.content().get(0).asText().text()).isEqualTo("a, b and c read.");

        // 5. Claude has recovered, and the user starts a new turn (the session does not move in the middle of a tool
        //    loop): the whole conversation reaches it valid — Gemini's thinking dropped, thinking
        //    switched off for the tool turn it was on, every tool_use paired with its tool_result
        primary.reset();
        primary.replyText("All three files read.");
        awaitRecovered("claude");
        Message five = stream(convo.addMessage(four.toParam()).addUserMessage("Summarise").build());
        assertThat(five.content().get(0).asText().text()).isEqualTo("All three files read.");
        JsonNode toClaude = Wire.json(primary.takeRequest().body());
        assertThat(toClaude.toString()).doesNotContain("baton:").contains("toolu_01A").contains(two.content().get(0).asToolUse().id());
        assertThat(gemini.requestCount()).isEqualTo(2);
    }
}
