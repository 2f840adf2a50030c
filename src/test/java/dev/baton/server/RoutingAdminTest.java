package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The routing admin API: deployments' state and figures, cooling and recovering by hand, the strategy switch. */
class RoutingAdminTest extends PrimaryAndSecondary {
    static final String MASTER = "sk-admin-routing-1";

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.masterKey(MASTER);
    }

    private JsonNode get(String path) {
        HttpResponse<String> r = gw.get(path, "x-api-key", MASTER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r.body());
    }

    private HttpResponse<String> post(String path, String body) {
        return gw.post(path, body, "x-api-key", MASTER);
    }

    private JsonNode deployment(JsonNode list, String id) {
        for (JsonNode d : list.path("deployments")) if (d.path("id").asString().equals(id)) return d;
        throw new AssertionError("no " + id + " in " + list);
    }

    @Test
    void deploymentsShowStateQuotaFiguresAndScore() {
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", true), "x-api-key", MASTER).statusCode()).isEqualTo(200);
        JsonNode all = get("/admin/deployments");
        assertThat(all.path("strategy").asString()).isEqualTo("priority");
        assertThat(all.path("rate_limit_threshold").asDouble()).isEqualTo(0.8);
        JsonNode p = deployment(all, "primary");
        assertThat(p.path("group").asString()).isEqualTo("claude-sonnet");
        assertThat(p.path("state").asString()).isEqualTo("healthy");
        assertThat(p.path("stats").path("requests").asInt()).isEqualTo(1);
        assertThat(p.path("stats").path("ttft_ms").isNumber()).isTrue();
        assertThat(p.path("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.path("quota").path("predicted_limited").asBoolean()).isFalse();

        JsonNode provider = get("/admin/provider/anthropic/health");
        assertThat(provider.path("healthy").asBoolean()).isTrue();
        assertThat(provider.path("total").asInt()).isEqualTo(2);
        assertThat(gw.get("/admin/provider/nope/health", "x-api-key", MASTER).statusCode()).isEqualTo(404);
    }

    @Test
    void anOperatorCoolsADeploymentAndRecoversIt() {
        HttpResponse<String> cooled = post("/admin/deployments/primary/cooldown", "{\"seconds\": 120}");
        assertThat(cooled.statusCode()).as(cooled.body()).isEqualTo(200);
        assertThat(Wire.json(cooled.body()).path("state").asString()).isEqualTo("cooling");
        assertThat(Wire.json(cooled.body()).path("cooldown_left_ms").asLong()).isGreaterThan(100_000);
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");

        assertThat(post("/admin/deployments/primary/recover", "").statusCode()).isEqualTo(200);
        assertThat(deployment(get("/admin/deployments"), "primary").path("state").asString()).isEqualTo("healthy");
        HttpResponse<String> back = gw.post("/v1/messages", Wire.message("claude-sonnet", false),
                "x-api-key", MASTER, "x-claude-code-session-id", "fresh");
        assertThat(back.headers().firstValue("x-baton-deployment")).hasValue("primary");

        assertThat(post("/admin/deployments/nope/recover", "").statusCode()).isEqualTo(404);
        assertThat(post("/admin/deployments/primary/cooldown", "{\"seconds\": -1}").statusCode()).isEqualTo(400);
        assertThat(gw.get("/admin/deployments/primary/cooldown", "x-api-key", MASTER).statusCode()).isEqualTo(405);
    }

    @Test
    void theStrategyIsSwitchedAtRuntime() {
        assertThat(get("/admin/routing-strategy").path("available")).extracting(JsonNode::asString).contains("cost", "intelligent");
        HttpResponse<String> switched = post("/admin/routing-strategy", "{\"strategy\": \"cost\"}");
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(Wire.json(switched.body()).path("strategy").asString()).isEqualTo("cost-based-routing");
        assertThat(get("/admin/deployments").path("strategy").asString()).isEqualTo("cost-based-routing");

        HttpResponse<String> unknown = post("/admin/routing-strategy", "{\"strategy\": \"round-robin\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Wire.errorMessage(unknown)).contains("round-robin").contains("intelligent");
        assertThat(post("/admin/routing-strategy", "{").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheMasterKeyMayUseIt() {
        assertThat(gw.get("/admin/deployments").statusCode()).isEqualTo(401);
        HttpResponse<String> key = gw.post("/key/generate", "{}", "x-api-key", MASTER);
        String virtual = Wire.json(key.body()).path("key").asString();
        assertThat(gw.get("/admin/deployments", "x-api-key", virtual).statusCode()).isEqualTo(401);
        assertThat(gw.post("/admin/routing-strategy", "{\"strategy\": \"cost\"}", "x-api-key", virtual).statusCode()).isEqualTo(401);
    }
}
