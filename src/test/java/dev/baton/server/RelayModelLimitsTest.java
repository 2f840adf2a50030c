package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeOpenAi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12: a model's limits follow the model, whatever host serves it. `openai/deepseek-chat` behind a relay (New API,
 * one-api) that Baton knows nothing about still gets deepseek-chat's [1, 8192] output range and its capabilities.
 */
class RelayModelLimitsTest extends TwoFakes {
    FakeOpenAi relay;
    TestGateway gw;

    @BeforeEach
    void start() {
        relay = FakeOpenAi.start("relay");
        gw = TestGateway.builder(dir)
                .deployment("claude-sonnet", "relay-chat", "openai/deepseek-chat", relay.baseUrl() + "/v1", "sk-relay")
                .deployment("claude-opus", "relay-reasoner", "openai/deepseek-reasoner", relay.baseUrl() + "/v1", "sk-relay")
                .deployment("claude-haiku", "relay-capped", "openai/deepseek-chat", relay.baseUrl() + "/v1", "sk-relay",
                        "max_output_tokens: 4000")
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        relay.close();
    }

    /** Claude Code asks for 32,000 output tokens; the relay passes them to DeepSeek, which answers 400 above 8192. */
    @Test
    void claude_codes_32k_output_request_reaches_deepseek_chat_on_a_relay_as_8192() {
        JsonNode sent = relayed(FakeOpenAi.Profile.DEEPSEEK_CHAT, claudeCode("claude-sonnet-4-5-20250929", 32_000, ""));

        assertThat(sent.path("model").asString()).isEqualTo("deepseek-chat");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(sent.has("reasoning_effort")).isFalse(); // deepseek-chat does not reason, whatever the host
    }

    /** Field notes 6 on a relay: deepseek-reasoner takes no tool_choice, because of the model, not of the host. */
    @Test
    void deepseek_reasoner_on_a_relay_gets_no_tool_choice_and_its_own_output_limit() {
        String tools = ",\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":{\"type\":\"any\"}";

        JsonNode sent = relayed(FakeOpenAi.Profile.DEEPSEEK_REASONER, claudeCode("claude-opus-4-1", 100_000, tools));

        assertThat(sent.has("tool_choice")).isFalse();
        assertThat(sent.path("tools")).hasSize(1);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(65_536);
    }

    /** The deployment's own figure wins over the catalog's. */
    @Test
    void a_deployments_own_max_output_tokens_wins_over_the_catalog() {
        JsonNode sent = relayed(FakeOpenAi.Profile.DEEPSEEK_CHAT, claudeCode("claude-haiku-4-5", 32_000, ""));

        assertThat(sent.path("max_tokens").asInt()).isEqualTo(4000);
    }

    /** What the relay received for a Claude Code request it answered; the relay enforces the model's rules as DeepSeek does. */
    private JsonNode relayed(FakeOpenAi.Profile model, String request) {
        relay.profile(model);
        relay.replyText("ok");
        HttpResponse<String> r = gw.post("/v1/messages", request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return relay.takeRequest().json();
    }

    private static String claudeCode(String model, int maxTokens, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    }
}
