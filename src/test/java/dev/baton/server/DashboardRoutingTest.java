package dev.baton.server;

import static dev.baton.server.DashboardAccessTest.csrf;
import static dev.baton.server.DashboardAccessTest.formBody;
import static dev.baton.server.DashboardAccessTest.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.testing.RequestQuota;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Live page's routing: the strategy in force and its switch, each deployment's state and figures as the admin
 * API sees them (predicted limit, recovery, router averages, score), and cooling down or recovering a deployment by
 * hand, each action behind the session's CSRF token.
 */
class DashboardRoutingTest extends PrimaryAndSecondary {
    private static final Pattern LIVE_DATA = Pattern.compile("<script type=\"application/json\" id=\"live-data\">(.*?)</script>");
    private String session;

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.masterKey(DashboardAccessTest.MASTER).env("UI_USERNAME", "ops").env("UI_PASSWORD", "correct horse");
    }

    @BeforeEach
    void logIn() {
        session = login(gw, "ops", "correct horse");
    }

    private HttpResponse<String> livePage() {
        HttpResponse<String> r = gw.get("/ui/live", "cookie", "baton_ui=" + session);
        assertThat(r.statusCode()).isEqualTo(200);
        return r;
    }

    private HttpResponse<String> action(String path, String... pairs) {
        String[] withToken = new String[pairs.length + 2];
        withToken[0] = "_csrf";
        withToken[1] = csrf(livePage().body());
        System.arraycopy(pairs, 0, withToken, 2, pairs.length);
        return gw.post(path, formBody(withToken), "content-type", "application/x-www-form-urlencoded", "cookie", "baton_ui=" + session);
    }

    /** The snapshot the Live page carries for its first paint. */
    private JsonNode snapshot() {
        Matcher m = LIVE_DATA.matcher(livePage().body());
        assertThat(m.find()).isTrue();
        return Wire.json(m.group(1).replace("\\u003c", "<"));
    }

    private static JsonNode card(JsonNode snapshot, String id) {
        for (JsonNode d : snapshot.path("groups").get(0).path("chain")) if (d.path("id").asString().equals(id)) return d;
        throw new AssertionError("no card " + id + " in " + snapshot);
    }

    private JsonNode admin(String id) {
        HttpResponse<String> r = gw.get("/admin/deployments", "x-api-key", DashboardAccessTest.MASTER);
        for (JsonNode d : Wire.json(r.body()).path("deployments")) if (d.path("id").asString().equals(id)) return d;
        throw new AssertionError("no " + id + " in " + r.body());
    }

    private HttpResponse<String> message(String session) {
        return gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", DashboardAccessTest.MASTER,
                "x-claude-code-session-id", session);
    }

    private String strategyInForce() {
        return gw.gateway.engine().ranker().strategy().name();
    }

    @Test
    void theStrategyInForceIsShownAndSwitchedWithTheSessionsToken() {
        String page = livePage().body();
        assertThat(page).contains("<strong id=\"strategy\">priority</strong>", "<option value=\"priority\" selected>priority (order)",
                "<option value=\"cost-based-routing\">cost-based-routing (cost): the cheapest per token", "<option value=\"intelligent\">");

        HttpResponse<String> forged = gw.post("/ui/routing/strategy", formBody("strategy", "cost"), "content-type",
                "application/x-www-form-urlencoded", "cookie", "baton_ui=" + session);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(strategyInForce()).isEqualTo("priority");

        HttpResponse<String> switched = action("/ui/routing/strategy", "strategy", "cost");
        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(switched.body()).contains("id=\"strategy-switched\"", "from <code>priority</code> to <code>cost-based-routing</code>",
                "<strong id=\"strategy\">cost-based-routing</strong>", "<option value=\"cost-based-routing\" selected>");
        assertThat(strategyInForce()).isEqualTo("cost-based-routing");
        // the admin API reads the same strategy, and the feed shows it
        assertThat(Wire.json(gw.get("/admin/routing-strategy", "x-api-key", DashboardAccessTest.MASTER).body()).path("strategy").asString())
                .isEqualTo("cost-based-routing");
        assertThat(snapshot().path("strategy").asString()).isEqualTo("cost-based-routing");

        HttpResponse<String> unknown = action("/ui/routing/strategy", "strategy", "round-robin");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown routing strategy &#39;round-robin&#39;");
        assertThat(action("/ui/routing/strategy").statusCode()).isEqualTo(400);
        assertThat(strategyInForce()).isEqualTo("cost-based-routing");
    }

    @Test
    void anOperatorCoolsADeploymentDownAndRecoversItFromItsCard() {
        HttpResponse<String> forged = gw.post("/ui/routing/cooldown", formBody("deployment", "primary", "seconds", "300"), "content-type",
                "application/x-www-form-urlencoded", "cookie", "baton_ui=" + session);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(admin("primary").path("state").asString()).isEqualTo("healthy");

        HttpResponse<String> cooled = action("/ui/routing/cooldown", "deployment", "primary", "seconds", "300");
        assertThat(cooled.statusCode()).isEqualTo(200);
        assertThat(cooled.body()).containsPattern("id=\"cooled\"><code>primary</code> is cooling for 29\\d s");
        assertThat(admin("primary").path("cooldown_left_ms").asLong()).isGreaterThan(290_000);
        JsonNode card = card(snapshot(), "primary");
        assertThat(card.path("state").asString()).isEqualTo("cooling");
        assertThat(card.path("routing").path("cooldowns_in_a_row").asInt()).isEqualTo(1);
        assertThat(card(snapshot(), "secondary").path("state").asString()).isEqualTo("serving");
        assertThat(message("while-cooled").headers().firstValue("x-baton-deployment")).hasValue("secondary");

        HttpResponse<String> recovered = action("/ui/routing/recover", "deployment", "primary");
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.body()).contains("id=\"recovered\"><code>primary</code> is back in service");
        assertThat(card(snapshot(), "primary").path("state").asString()).isEqualTo("serving");
        assertThat(message("after-recovery").headers().firstValue("x-baton-deployment")).hasValue("primary");

        assertThat(action("/ui/routing/recover", "deployment", "nope").statusCode()).isEqualTo(404);
        assertThat(action("/ui/routing/cooldown", "deployment", "primary", "seconds", "-5").statusCode()).isEqualTo(400);
        assertThat(action("/ui/routing/cooldown", "deployment", "primary", "seconds", "soon").statusCode()).isEqualTo(400);
        assertThat(action("/ui/routing/cooldown", "seconds", "60").statusCode()).isEqualTo(400);
        assertThat(admin("primary").path("state").asString()).isEqualTo("healthy");
    }

    @Test
    void aDeploymentNearItsLimitIsShownPassedOverWithTheAdminApisFigures() {
        primary.quota(new RequestQuota(10, Duration.ofMinutes(1)));
        for (int i = 0; i < 8; i++) assertThat(message("s" + i).headers().firstValue("x-baton-deployment")).hasValue("primary");

        JsonNode snapshot = snapshot();
        JsonNode p = card(snapshot, "primary");
        assertThat(p.path("state").asString()).isEqualTo("near-limit");
        JsonNode quota = p.path("routing").path("quota");
        assertThat(quota.path("used").asDouble()).isEqualTo(0.8);
        assertThat(quota.path("predicted_limited").asBoolean()).isTrue();
        assertThat(quota.path("resets_at").asString()).isNotEmpty();
        assertThat(card(snapshot, "secondary").path("state").asString()).isEqualTo("serving");
        // the card's figures are the admin API's, read in the same place
        JsonNode admin = admin("primary");
        assertThat(p.path("routing").path("quota")).isEqualTo(admin.path("quota"));
        assertThat(p.path("routing").path("stats").path("requests").asInt()).isEqualTo(admin.path("stats").path("requests").asInt()).isEqualTo(8);
        JsonNode stats = p.path("routing").path("stats");
        assertThat(stats.path("ttft_ms").isNumber() || stats.path("latency_ms").isNumber()).as(stats.toString()).isTrue();
        assertThat(p.path("routing").path("score").asDouble()).isEqualTo(admin.path("score").asDouble()).isBetween(0.0, 1.0);

        assertThat(message("s8").headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(primary.server().quota().refused()).as("passed over before it had to answer 429").isZero();
    }

    @Test
    void afterAProbeADeploymentShowsItsRisingShareOfTraffic() {
        HttpResponse<String> cooled = gw.post("/admin/deployments/primary/cooldown", "{\"seconds\": 0.2}", "x-api-key", DashboardAccessTest.MASTER);
        assertThat(cooled.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> card(snapshot(), "primary").path("state").asString().equals("probation"));
        assertThat(card(snapshot(), "secondary").path("state").asString()).isEqualTo("serving");

        assertThat(message("probe").headers().firstValue("x-baton-deployment")).hasValue("primary"); // the probe succeeds
        JsonNode p = card(snapshot(), "primary");
        assertThat(p.path("state").asString()).isEqualTo("recovering");
        assertThat(p.path("routing").path("traffic_share").asDouble()).isEqualTo(0.2);
        assertThat(admin("primary").path("state").asString()).isEqualTo("recovering");
    }
}
