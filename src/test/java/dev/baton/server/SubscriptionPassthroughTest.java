package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.Fault;
import dev.baton.testing.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude Pro/Max passthrough and the master key (H34). */
class SubscriptionPassthroughTest {
    static final String MASTER = "sk-baton-master-7f3a9c";
    static final String OAUTH = "Bearer sk-ant-oat01-abcdefghijklmnop";
    static final String OAUTH_BETA = "oauth-2025-04-20";

    @TempDir Path dir;
    FakeAnthropic subscription;
    FakeAnthropic keyed;
    TestGateway gw;

    @BeforeEach
    void start() {
        subscription = FakeAnthropic.start("subscription");
        keyed = FakeAnthropic.start("keyed");
        gw = TestGateway.builder(dir)
                .deployment("claude-sonnet", "subscription", "anthropic/" + TestGateway.UPSTREAM_MODEL, subscription.baseUrl(), "passthrough")
                .anthropic("claude-sonnet", "keyed", keyed)
                .masterKey(MASTER)
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        subscription.close();
        keyed.close();
    }

    // H34
    @Test
    void callersOAuthBearerAndBetaReachTheUpstreamExactlyAndTheMasterKeyDoesNot() {
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true),
                "x-baton-key", MASTER, "authorization", OAUTH, "anthropic-beta", OAUTH_BETA, "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("subscription");
        RecordedRequest got = subscription.takeRequest();
        assertThat(got.headers().get("authorization")).containsExactly(OAUTH);
        assertThat(got.header("anthropic-beta")).isEqualTo(OAUTH_BETA);
        assertThat(got.header("x-api-key")).isNull();
        assertNoMasterKey(got);
    }

    // H34: on 429 from the subscription, fall back to API-key deployments
    @Test
    void subscriptionRateLimitFallsBackToTheKeyedDeployment() {
        subscription.enqueue(Fault.rateLimited(Duration.ofSeconds(30), Map.of("anthropic-ratelimit-unified-status", "rejected")));
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false),
                "x-baton-key", MASTER, "authorization", OAUTH, "anthropic-beta", OAUTH_BETA);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("keyed");
        RecordedRequest got = keyed.takeRequest();
        assertThat(got.header("x-api-key")).isEqualTo("sk-test-keyed");
        assertThat(got.header("authorization")).as("the caller's token goes only where it was meant to").isNull();
        assertThat(got.header("anthropic-beta")).as("the OAuth beta belongs with the token, not with an API key").isNull();
        assertNoMasterKey(got);
    }

    @Test
    void withoutTheMasterKeyTheCallerGets401AuthenticationError() {
        for (String[] headers : List.of(new String[] {"authorization", OAUTH}, new String[] {"x-api-key", "sk-wrong"},
                new String[] {"x-baton-key", "nope", "authorization", OAUTH}, new String[0])) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false), headers);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(Wire.json(r.body()).path("type").asString()).isEqualTo("error");
            assertThat(Wire.errorType(r)).isEqualTo("authentication_error");
        }
        assertThat(subscription.requestCount() + keyed.requestCount()).isZero();
    }

    @Test
    void masterKeyIsAcceptedAsXApiKeyAndAsBearerAndNeverForwarded() {
        HttpResponse<String> viaApiKey = gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER);
        HttpResponse<String> viaBearer = gw.post("/v1/messages", Wire.message("claude-sonnet", false), "authorization", "Bearer " + MASTER);

        for (HttpResponse<String> r : List.of(viaApiKey, viaBearer)) {
            assertThat(r.statusCode()).isEqualTo(200);
            // the caller brought no credentials of its own, so the passthrough deployment is skipped for the keyed one
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("keyed");
        }
        for (RecordedRequest got : keyed.requests()) {
            assertThat(got.header("x-api-key")).isEqualTo("sk-test-keyed");
            assertNoMasterKey(got);
        }
        for (RecordedRequest got : subscription.requests()) assertNoMasterKey(got);
    }

    private static void assertNoMasterKey(RecordedRequest got) {
        got.headers().forEach((name, values) -> assertThat(values).as(name).noneMatch(v -> v.contains(MASTER)));
        assertThat(got.body()).doesNotContain(MASTER);
    }
}
