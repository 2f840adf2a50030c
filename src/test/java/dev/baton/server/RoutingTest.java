package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeGemini;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.Fault;
import dev.baton.testing.RequestQuota;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** LiteLLM's fallback semantics, rate-limit prediction, strategies and aliases, over HTTP with real fake upstreams. */
class RoutingTest extends TwoFakes {

    private static HttpResponse<String> post(TestGateway gw, String model) {
        return gw.post("/v1/messages", Wire.message(model, false), "x-claude-code-session-id", UUID.randomUUID().toString());
    }

    @Test
    void anUnchangedLiteLlmConfigFollowsFallbacksTransitively() throws Exception { // Claude -> Gemini -> DeepSeek
        try (FakeGemini gemini = FakeGemini.start("gemini"); FakeOpenAi deepseek = FakeOpenAi.start("deepseek");
             TestGateway gw = TestGateway.builder(dir)
                     .anthropic("claude-sonnet-4", "claude", primary)
                     .deployment("gemini-flash", "gemini", "gemini/gemini-2.5-flash", gemini.baseUrl(), "AIza-test")
                     .deployment("deepseek-r1", "deepseek", "openai/deepseek-reasoner", deepseek.baseUrl() + "/v1", "sk-ds")
                     .router("fallbacks", "[{\"claude-sonnet-4\": [\"gemini-flash\"]}, {\"gemini-flash\": [\"deepseek-r1\"]}]")
                     .start()) {
            primary.always(Fault.rateLimited(Duration.ofSeconds(30)));
            gemini.always(Fault.rateLimited(Duration.ofSeconds(30)));
            HttpResponse<String> r = post(gw, "claude-sonnet-4");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("deepseek");
            assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("3");
            assertThat(Wire.json(r.body()).path("type").asString()).isEqualTo("message");
        }
    }

    @Test
    void aDeploymentNearItsAdvertisedLimitIsPassedOverBeforeItAnswers429() throws Exception {
        primary.quota(new RequestQuota(10, Duration.ofMinutes(1)));
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary).start()) {
            for (int i = 0; i < 30; i++) assertThat(post(gw, "claude-sonnet").statusCode()).isEqualTo(200);
            assertThat(primary.requestCount()).as("up to 80 % of its window").isEqualTo(8);
            assertThat(secondary.requestCount()).isEqualTo(22);
        }
        assertThat(primaryRefused()).as("it never had to answer 429").isZero();
    }

    @Test
    void withoutPredictionTheSameTrafficRunsIntoTheLimit() throws Exception {
        primary.quota(new RequestQuota(10, Duration.ofMinutes(1)));
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary).baton("routing", "{rate_limit_threshold: 1}").start()) {
            for (int i = 0; i < 30; i++) assertThat(post(gw, "claude-sonnet").statusCode()).isEqualTo(200);
        }
        assertThat(primaryRefused()).isPositive();
    }

    private int primaryRefused() {
        return primary.server().quota().refused();
    }

    @Test
    void costBasedRoutingSendsTrafficToTheCheaperDeploymentOfTheSameOrder() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "dear", primary, "input_cost_per_token: 0.000015", "output_cost_per_token: 0.000075")
                .anthropic("claude-sonnet", "cheap", secondary, "input_cost_per_token: 0.000001", "output_cost_per_token: 0.000005")
                .router("routing_strategy", "cost-based-routing").start()) {
            for (int i = 0; i < 5; i++) assertThat(post(gw, "claude-sonnet").headers().firstValue("x-baton-deployment")).hasValue("cheap");
        }
    }

    @Test
    void anAliasIsListedAndServedByItsGroupUnlessHidden() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary)
                .router("model_group_alias", "{\"gpt-4o\": \"claude-sonnet\", \"internal\": {\"model\": \"claude-sonnet\", \"hidden\": true}}")
                .start()) {
            JsonNode models = Wire.json(gw.get("/v1/models").body());
            assertThat(models.path("data")).extracting(m -> m.path("id").asString()).containsExactly("claude-sonnet", "gpt-4o");
            assertThat(post(gw, "gpt-4o").headers().firstValue("x-baton-deployment")).hasValue("primary");
            assertThat(post(gw, "internal").statusCode()).isEqualTo(200);
            assertThat(gw.records(2)).extracting(dev.baton.store.UsageRecord::requestedModel).containsExactly("gpt-4o", "internal");
        }
    }
}
