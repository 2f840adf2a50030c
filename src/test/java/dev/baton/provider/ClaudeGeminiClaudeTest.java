package dev.baton.provider;

import static dev.baton.provider.GeminiUpstreamTest.blocks;
import static dev.baton.provider.GeminiUpstreamTest.read;
import static dev.baton.provider.UpstreamCalls.call;
import static dev.baton.provider.UpstreamCalls.request;
import static dev.baton.provider.UpstreamCalls.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.Role;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.config.Secret;
import dev.baton.dialect.ToolCallMemory;
import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.FakeGemini;
import dev.baton.testing.GeminiReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One tool-using conversation that moves from Claude to Gemini and back (issue 3): every request each fake receives
 * is valid for its API — Claude's calls reach Gemini 3 with the stand-in signature, Gemini's thinking never reaches
 * Anthropic, tool ids stay paired with their results (field notes 1, 13, 15).
 */
class ClaudeGeminiClaudeTest {

    @Test
    void aToolUsingSessionSurvivesClaudeThenGeminiThenClaude() throws Exception {
        try (FakeAnthropic claude = FakeAnthropic.start("claude"); FakeGemini gemini = FakeGemini.start("gemini");
             HttpTransport transport = new HttpTransport(Duration.ofSeconds(2))) {
            Deployment anthropicDeployment = new Deployment("g", "anthropic", "claude-sonnet-4-5", claude.baseUrl(), Secret.of("sk-ant-1"),
                    null, null, null, null, 1, Map.of(), Map.of(), "anthropic/claude-sonnet-4-5", 0);
            Deployment geminiDeployment = new Deployment("g", "gemini", "gemini-3-pro-preview", gemini.baseUrl(), Secret.of("AIza-1"),
                    null, null, null, null, 2, Map.of(), Map.of(), "gemini/gemini-3-pro-preview", 0);
            Upstream anthropic = new AnthropicUpstream(anthropicDeployment, transport, dev.baton.catalog.ModelCatalog.defaults());
            Upstream google = new GeminiUpstream(geminiDeployment, transport, ModelCatalog.defaults(), Map.of(), new ToolCallMemory(100));
            List<Message> history = new ArrayList<>();
            history.add(Message.user(new Block.Text("read /a, then /b, then /c")));

            claude.replyToolUse("toolu_01Claude", "Read", "{\"file_path\":\"/a\"}");
            ChatResponse one = call(anthropic, request(anthropicDeployment, chat(history), false));
            history.add(new Message(Role.ASSISTANT, one.content()));
            history.add(Message.user(new Block.ToolResult("toolu_01Claude", List.of(new Block.Text("A")), false)));

            gemini.reply(GeminiReply.thinkThenCall("now /b", GeminiReply.call0("Read", "{\"file_path\":\"/b\"}")));
            List<Block> two = blocks(stream(google, request(geminiDeployment, chat(history), true)));
            JsonNode geminiSaw = gemini.takeRequest().json();
            assertThat(geminiSaw.at("/contents/1/parts/0/thoughtSignature").asString()).isEqualTo("skip_thought_signature_validator");
            assertThat(two).first().isInstanceOf(Block.Thinking.class);
            Block.ToolUse geminiCall = (Block.ToolUse) two.get(1);
            history.add(new Message(Role.ASSISTANT, two));
            history.add(Message.user(new Block.ToolResult(geminiCall.id(), List.of(new Block.Text("B")), false)));

            claude.replyText("A, B read; /c next");
            ChatResponse three = call(anthropic, request(anthropicDeployment, chat(history), false));

            assertThat(three.content()).containsExactly(new Block.Text("A, B read; /c next"));
            claude.takeRequest();
            JsonNode anthropicSaw = claude.takeRequest().json();
            assertThat(anthropicSaw.get("messages").toString()).doesNotContain("baton:gemini").doesNotContain("\"type\":\"thinking\"");
            assertThat(anthropicSaw.at("/messages/3/content/0/id").asString()).isEqualTo(geminiCall.id());
            assertThat(anthropicSaw.at("/messages/4/content/0/tool_use_id").asString()).isEqualTo(geminiCall.id());
        }
    }

    private static ChatRequest chat(List<Message> history) {
        return new ChatRequest("m", List.of(), history, List.of(read()), null, null, 4096, null, null, null, List.of(), false,
                new Reasoning(2048, null), null, null);
    }
}
