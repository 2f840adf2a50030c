package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.routing.DeploymentHealth;
import dev.baton.store.UsageRecord;
import dev.baton.testing.Fault;
import dev.baton.testing.PostgresServer;
import dev.baton.testing.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Baton instances as a team runs them: one PostgreSQL for usage and keys, one Redis for limits and cooldowns
 * (field notes 40). A key's rpm limit is one limit for both, not one each; a deployment one instance cooled is
 * cooled for the other.
 */
@ExtendWith({PostgresServer.Extension.class, RedisServer.Extension.class})
class SharedStateTest extends TwoFakes {
    static final String MASTER = "sk-master-team-31";
    private final String databaseUrl;
    private final RedisServer redis;
    TestGateway a;
    TestGateway b;

    SharedStateTest(PostgresServer pg, RedisServer redis) {
        this.databaseUrl = pg.newDatabaseUrl();
        this.redis = redis;
    }

    TestGateway instance(String name) {
        return instance(name, "30");
    }

    TestGateway instance(String name, String cooldownSeconds) {
        return instance(name, cooldownSeconds, null);
    }

    TestGateway instance(String name, String cooldownSeconds, String strategy) {
        dir.resolve(name).toFile().mkdirs(); // each instance its own data folder, as on two machines
        TestGateway.Builder builder = TestGateway.builder(dir.resolve(name));
        if (strategy != null) builder.router("routing_strategy", strategy);
        return builder
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary)
                .masterKey(MASTER)
                .general("database_url", "\"" + databaseUrl + "\"")
                .router("redis_host", "127.0.0.1")
                .router("redis_port", Integer.toString(redis.port()))
                .router("redis_password", RedisServer.PASSWORD)
                .router("cooldown_time", cooldownSeconds)
                .start();
    }

    @BeforeEach
    void start() {
        redis.flush();
        a = instance("a");
        b = instance("b");
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
    }

    @Test
    void twoInstancesShareOneRpmLimitAndOneKeyTable() {
        HttpResponse<String> made = a.post("/key/generate", "{\"key_alias\":\"team\",\"rpm_limit\":4}", "x-api-key", MASTER);
        String key = Wire.json(made.body()).path("key").asString();
        // made on a, known on b at once (looked up on first sight)
        int ok = 0;
        int limited = 0;
        long minute = System.currentTimeMillis() / 60_000;
        for (int i = 0; i < 6; i++) {
            TestGateway gw = i % 2 == 0 ? a : b;
            int status = gw.post("/v1/messages", Wire.message("claude-sonnet", i % 3 == 0), "x-api-key", key).statusCode();
            if (status == 200) ok++;
            if (status == 429) limited++;
        }
        if (System.currentTimeMillis() / 60_000 != minute) return; // the window turned over mid-test: counts span two minutes
        assertThat(ok).isEqualTo(4);
        assertThat(limited).isEqualTo(2);
        // both instances write to the one database
        assertThat(a.records(4)).extracting(UsageRecord::keyAlias).containsOnly("team");
    }

    @Test
    void aDeploymentCooledByOneInstanceIsSkippedByTheOther() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(60)));
        HttpResponse<String> first = a.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER);
        assertThat(first.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.state("primary") == DeploymentHealth.State.COOLING);
        int primaryBefore = primary.requestCount();

        HttpResponse<String> second = b.post("/v1/messages", Wire.message("claude-sonnet", true), "x-api-key", MASTER);
        assertThat(second.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(second.headers().firstValue("x-baton-attempts")).hasValue("1");
        assertThat(primary.requestCount()).isEqualTo(primaryBefore);
    }

    /**
     * A load balancer sends a session's turns to either instance: the session stays on the deployment that took it
     * over, on both, instead of going back to the primary on the instance that had not seen it.
     */
    @Test
    void aSessionMovedByOneInstanceStaysThereOnTheOther() throws Exception {
        a.close();
        b.close();
        a = instance("a", "1"); // the primary is back a second later, on both
        b = instance("b", "1");
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
        HttpResponse<String> first = a.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER,
                "x-claude-code-session-id", "team-session-1");
        assertThat(first.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.state("primary") != DeploymentHealth.State.COOLING);

        String toolLoop = "{\"model\":\"claude-sonnet\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"read a\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"a\"}]}]}";
        HttpResponse<String> next = b.post("/v1/messages", toolLoop, "x-api-key", MASTER, "x-claude-code-session-id", "team-session-1");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("x-baton-deployment")).as("mid tool loop, on the other instance").hasValue("secondary");

        HttpResponse<String> stranger = b.post("/v1/messages", toolLoop, "x-api-key", MASTER, "x-claude-code-session-id", "team-session-2");
        assertThat(stranger.headers().firstValue("x-baton-deployment")).as("another session starts on the primary").hasValue("primary");
    }

    @Test
    void aStrategySwitchedOnOneInstanceIsInForceOnTheOtherAndOnOnesStartedLater() throws Exception {
        HttpResponse<String> switched = a.post("/admin/routing-strategy", "{\"strategy\":\"cost\"}", "x-api-key", MASTER);
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        String cost = Wire.json(switched.body()).path("strategy").asString();
        assertThat(cost).startsWith("cost");

        await().atMost(Duration.ofSeconds(5)).until(() -> strategy(b).equals(cost));

        try (TestGateway later = instance("later")) {
            assertThat(strategy(later)).as("an instance started after the switch").isEqualTo(cost);
        }
        // one whose config names another strategy keeps its config's: a switch outlives restarts, not a config change
        try (TestGateway reconfigured = instance("reconfigured", "30", "latency-based-routing")) {
            assertThat(strategy(reconfigured)).startsWith("latency");
            a.post("/admin/routing-strategy", "{\"strategy\":\"simple-shuffle\"}", "x-api-key", MASTER);
            await().atMost(Duration.ofSeconds(5)).until(() -> strategy(b).equals("simple-shuffle"));
            assertThat(strategy(reconfigured)).startsWith("latency");
        }
    }

    private static String strategy(TestGateway gw) {
        return Wire.json(gw.get("/admin/routing-strategy", "x-api-key", MASTER).body()).path("strategy").asString();
    }

    /** A recovery by hand holds: the shared deadline goes with it, on every instance. */
    @Test
    void aDeploymentRecoveredByHandIsBackInServiceOnEveryInstance() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(60)));
        assertThat(a.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER, "x-claude-code-session-id", "r1")
                .headers().firstValue("x-baton-deployment")).hasValue("secondary");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.state("primary") == DeploymentHealth.State.COOLING);

        HttpResponse<String> recovered = a.post("/admin/deployments/primary/recover", "{}", "x-api-key", MASTER);
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);

        assertThat(a.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER, "x-claude-code-session-id", "r2")
                .headers().firstValue("x-baton-deployment")).as("on the instance that recovered it").hasValue("primary");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.state("primary") != DeploymentHealth.State.COOLING);
        assertThat(b.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER, "x-claude-code-session-id", "r3")
                .headers().firstValue("x-baton-deployment")).as("on the other").hasValue("primary");
    }
}
