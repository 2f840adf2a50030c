package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.routing.DeploymentHealth;
import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** count_tokens on every route, cached, and never spending or cooling what real requests need (E21–23). */
class CountTokensTest {
    static final String COUNT = """
            {"model":"%s","system":"You are terse.","messages":[{"role":"user","content":"Count me, please."}],
             "tools":[{"name":"Read","description":"Read a file","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}]}""";

    @TempDir Path dir;
    FakeAnthropic primary;
    TestGateway gw;

    @BeforeEach
    void start() {
        primary = FakeAnthropic.start("primary");
        gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .mock("local", "local")
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        primary.close();
    }

    // E21
    @Test
    void countTokensIsForwardedToAnthropicWhenItIsFirst() {
        HttpResponse<String> r = gw.post("/v1/messages/count_tokens", COUNT.formatted("claude-sonnet"), "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-count-source")).hasValue("upstream");
        assertThat(Wire.json(r.body()).path("input_tokens").asInt()).isPositive();
        var got = primary.takeRequest();
        assertThat(got.pathWithoutQuery()).isEqualTo("/v1/messages/count_tokens");
        assertThat(got.json().path("model").asString()).isEqualTo(TestGateway.UPSTREAM_MODEL);
        assertThat(got.json().has("tools")).isTrue();
    }

    // E21, E22
    @Test
    void countTokensForAMockGroupIsAnsweredLocally() {
        HttpResponse<String> r = gw.post("/v1/messages/count_tokens", COUNT.formatted("local"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-count-source")).hasValue("estimate");
        assertThat(Wire.json(r.body()).path("input_tokens").asInt()).isPositive();
        assertThat(primary.requestCount()).isZero();
    }

    @Test
    void countTokensWithBetaQueryIsServed() {
        HttpResponse<String> r = gw.post("/v1/messages/count_tokens?beta=true", COUNT.formatted("claude-sonnet"));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    // E23
    @Test
    void aBurstOf40IdenticalCountsReachesTheUpstreamAtMostOnce() throws Exception {
        primary.enqueue(Fault.stallBeforeFirstByte(Duration.ofMillis(300))); // the burst arrives while the first is in flight
        String body = COUNT.formatted("claude-sonnet");
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) calls.add(pool.submit(() -> gw.post("/v1/messages/count_tokens", body)));
        }
        for (Future<HttpResponse<String>> f : calls) {
            assertThat(f.get().statusCode()).isEqualTo(200);
            assertThat(Wire.json(f.get().body()).path("input_tokens").asInt()).isPositive();
        }
        assertThat(primary.requestCount()).isLessThanOrEqualTo(1);
    }

    // E23
    @Test
    void rateLimitedCountFallsBackToTheEstimateAndDoesNotCoolTheDeployment() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        HttpResponse<String> r = gw.post("/v1/messages/count_tokens", COUNT.formatted("claude-sonnet"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-count-source")).hasValue("estimate");
        assertThat(gw.state("primary")).isEqualTo(DeploymentHealth.State.HEALTHY);
        HttpResponse<String> next = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("x-baton-deployment")).hasValue("primary");
    }

    @Test
    void countTokensDoesNotRequireMaxTokensButDoesRequireModelAndMessages() {
        assertThat(gw.post("/v1/messages/count_tokens", "{\"messages\":[]}").statusCode()).isEqualTo(400);
        assertThat(gw.post("/v1/messages/count_tokens", "{\"model\":\"local\"}").statusCode()).isEqualTo(400);
        assertThat(gw.post("/v1/messages/count_tokens", "{\"model\":\"local\",\"messages\":[]}").statusCode()).isEqualTo(200);
    }
}
