package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Field notes 18 on Anthropic's wire: Claude Code asks for 32,000 output tokens, and an Anthropic-compatible host of
 * other vendors' models refuses more than its model gives (DeepSeek's 8,192). Such hosts are known by name; locally a
 * deployment's own `max_output_tokens` stands in for one, as the user's word on the model's limit.
 */
class AnthropicCompatibleLimitsTest {
    private static final String CLAUDE_CODE = """
            {"model":"claude-sonnet","max_tokens":32000,"thinking":{"type":"enabled","budget_tokens":31999},
             "messages":[{"role":"user","content":"Hi"}]}""";

    @TempDir Path dir;
    FakeAnthropic host;

    @BeforeEach
    void start() {
        host = FakeAnthropic.start("compatible");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private JsonNode sent(String body, String... params) throws Exception {
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "compatible", host, params).start()) {
            HttpResponse<String> r = gw.post("/v1/messages", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return host.takeRequest().json();
        }
    }

    @Test
    void maxTokensComeDownToTheModelsLimitAndTheThinkingBudgetWithThem() throws Exception {
        JsonNode got = sent(CLAUDE_CODE, "max_output_tokens: 8192");

        assertThat(got.path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(got.path("thinking").path("budget_tokens").asInt()).isEqualTo(8191);
        assertThat(got.path("thinking").path("type").asString()).isEqualTo("enabled");
        assertThat(got.path("messages")).isEqualTo(Wire.object(CLAUDE_CODE).path("messages"));
    }

    @Test
    void thinkingThatCannotKeepItsMinimumBudgetIsTurnedOff() throws Exception {
        JsonNode got = sent(CLAUDE_CODE, "max_output_tokens: 1024");

        assertThat(got.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(got.has("thinking")).as("a budget under 1,024 is refused, and one of 1,024 needs max_tokens above it").isFalse();
    }

    @Test
    void aRequestWithinTheLimitGoesAsItCame() throws Exception {
        String small = CLAUDE_CODE.replace("32000", "4000").replace("31999", "2000");
        JsonNode got = sent(small, "max_output_tokens: 8192");

        assertThat(got.path("max_tokens").asInt()).isEqualTo(4000);
        assertThat(got.path("thinking").path("budget_tokens").asInt()).isEqualTo(2000);
    }

    @Test
    void aBlockBatonCannotDecodeStillPassesThroughWithTheOutputCap() throws Exception {
        String future = CLAUDE_CODE.replace("\"content\":\"Hi\"", "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
                + "{\"type\":\"block_of_2027\",\"x\":1}]");
        JsonNode got = sent(future, "max_output_tokens: 8192", "max_input_tokens: 200000");

        assertThat(got.path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(got.path("messages").get(0).path("content").get(1).path("type").asString()).isEqualTo("block_of_2027");
    }

    /** A session's later turns come from the memos (tools, system blocks, earlier messages): what goes out is the same. */
    @Test
    void aSessionsRepeatedTurnsGoOutAsTheFirstDid() throws Exception {
        String big = "Read the file and mind the [brackets], {braces} and \\\"quotes\\\".\\n".repeat(120);
        String turn = """
                {"model":"claude-sonnet","max_tokens":32000,
                 "system":[{"type":"text","text":"You are Claude Code.\\n%1$s"}],
                 "tools":[{"name":"Read","description":"%1$s","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}],
                 "messages":[{"role":"user","content":"Fix it"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Read","input":{"path":"a.java"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"%1$s"}]},
                   {"role":"assistant","content":[{"type":"text","text":"%1$s"}]},
                   {"role":"user","content":"and now?"}]}""".formatted(big);
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "compatible", host, "max_output_tokens: 8192").start()) {
            JsonNode expected = Wire.object(turn);
            for (int i = 0; i < 4; i++) { // kept at the second sighting, shared from the third
                HttpResponse<String> r = gw.post("/v1/messages", turn);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode got = host.takeRequest().json();
                assertThat(got.path("max_tokens").asInt()).isEqualTo(8192);
                for (String field : new String[] {"system", "tools", "messages"}) {
                    assertThat(got.get(field)).as("turn %d: %s", i, field).isEqualTo(expected.get(field));
                }
            }
        }
    }

    @Test
    void withoutAKnownLimitTheCallersValueStands() throws Exception { // Anthropic itself, or a proxy in front of it
        JsonNode got = sent(CLAUDE_CODE);

        assertThat(got.path("max_tokens").asInt()).isEqualTo(32000);
        assertThat(got.path("thinking").path("budget_tokens").asInt()).isEqualTo(31999);
    }
}
