package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A key's model allow-list holds on every route and for every deployment a request may reach: fallback groups,
 * family matches, count_tokens, the model list.
 */
class KeyModelAccessTest extends TwoFakes {
    private static final String MASTER = "sk-master-access-1";
    private FakeAnthropic haiku;
    private TestGateway gw;
    private String cheapKey;
    private String sonnetKey;

    @BeforeEach
    void start() {
        haiku = FakeAnthropic.start("haiku");
        gw = TestGateway.builder(dir).masterKey(MASTER)
                .anthropic("cheap-haiku", "haiku", haiku)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary)
                .router("fallbacks", "[{\"cheap-haiku\": [\"claude-sonnet\"]}]")
                .start();
        cheapKey = key("[\"cheap-haiku\"]");
        sonnetKey = key("[\"claude-sonnet\"]");
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        haiku.close();
    }

    private String key(String models) {
        HttpResponse<String> r = gw.post("/key/generate", "{\"models\":" + models + "}", "authorization", "Bearer " + MASTER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r.body()).path("key").asString();
    }

    @Test
    void aKeyLimitedToOneGroupIsNeverServedByItsFallbackGroupsOnEitherRoute() {
        haiku.always(Fault.rateLimited(Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> anthropic = gw.post("/v1/messages", Wire.message("cheap-haiku", i % 2 == 0), "x-api-key", cheapKey);
            assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(429);
            HttpResponse<String> openai = gw.post("/v1/chat/completions",
                    "{\"model\":\"cheap-haiku\",\"stream\":" + (i % 2 == 0) + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "authorization", "Bearer " + cheapKey);
            assertThat(openai.statusCode()).as(openai.body()).isEqualTo(429);
            assertThat(Wire.json(openai.body()).path("error").isObject()).isTrue();
        }
        assertThat(primary.requestCount() + secondary.requestCount()).isZero();
        // a key that may use both is served by the fallback group
        String both = key("[\"cheap-haiku\", \"claude-sonnet\"]");
        HttpResponse<String> served = gw.post("/v1/messages", Wire.message("cheap-haiku", false), "x-api-key", both);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-baton-deployment")).hasValue("primary");
    }

    @Test
    void aModelOfAnotherFamilyIsRefusedBeforeItCouldLandOnTheAllowedGroup() {
        HttpResponse<String> opus = gw.post("/v1/messages", Wire.message("claude-opus-4-1-20250805", false), "x-api-key", sonnetKey);
        assertThat(opus.statusCode()).as(opus.body()).isEqualTo(403);
        assertThat(Wire.errorType(opus)).isEqualTo("permission_error");
        // the same family still reaches the group it may use, as Claude Code's dated ids must
        HttpResponse<String> sonnet = gw.post("/v1/messages", Wire.message("claude-sonnet-4-5-20250929", false), "x-api-key", sonnetKey);
        assertThat(sonnet.statusCode()).as(sonnet.body()).isEqualTo(200);
        assertThat(primary.requestCount() + secondary.requestCount()).isEqualTo(1);
    }

    @Test
    void countTokensHonoursTheAllowList() {
        String body = "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> refused = gw.post("/v1/messages/count_tokens", body, "x-api-key", cheapKey);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Wire.errorType(refused)).isEqualTo("permission_error");
        assertThat(gw.post("/v1/messages/count_tokens", body, "x-api-key", sonnetKey).statusCode()).isEqualTo(200);
    }

    @Test
    void theModelListShowsOnlyWhatTheKeyMayUse() {
        JsonNode cheap = Wire.json(gw.get("/v1/models", "x-api-key", cheapKey).body());
        assertThat(cheap.path("data")).extracting(m -> m.path("id").asString()).containsExactly("cheap-haiku");
        JsonNode all = Wire.json(gw.get("/v1/models", "x-api-key", MASTER).body());
        assertThat(all.path("data")).extracting(m -> m.path("id").asString()).containsExactly("cheap-haiku", "claude-sonnet");
    }
}
