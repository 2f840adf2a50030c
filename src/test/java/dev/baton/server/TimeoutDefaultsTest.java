package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonSettings;
import dev.baton.config.DefaultConfig;
import dev.baton.provider.Timeouts;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** field notes 44: Claude Code's calls run up to 600 s, so Baton's defaults must not cut them; per-deployment limits apply. */
class TimeoutDefaultsTest extends PrimaryAndSecondary {

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.baton("request_timeout", "30");
    }

    @Test
    void defaultsConnectShortAndTotalAtLeastSixHundredSeconds() {
        BatonSettings s = DefaultConfig.fromEnvironment(Map.of(), Optional.empty()).baton();
        assertThat(s.connectTimeout()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(s.requestTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(600));
        assertThat(s.idleTimeout()).isGreaterThan(s.pingInterval());
        Timeouts t = ChatEndpoint.timeouts(s, DefaultConfig.fromEnvironment(Map.of(), Optional.empty()).modelList().get(0));
        assertThat(t.total()).isGreaterThanOrEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void aDeploymentsOwnTimeoutEndsASlowNonStreamedAnswerAndFallsBack() throws Exception {
        try (TestGateway own = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary, "timeout: 1")
                .anthropic("claude-sonnet", "secondary", secondary)
                .baton("request_timeout", "30")
                .start()) {
            primary.enqueue(Fault.stallBeforeFirstByte(Duration.ofSeconds(3)));
            HttpResponse<String> r = own.post("/v1/messages", Wire.message("claude-sonnet", false));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        }
    }

    @Test
    void aWholeAnswerThatTakesLongerThanTheFirstByteTimeButKeepsStreamingIsWaitedFor() {
        primary.enqueue(Fault.slow(Duration.ofMillis(400))); // ~3 s in all; first_byte_timeout and idle_timeout are 2 s
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("primary");
        assertThat(Wire.json(r.body()).path("content").get(0).path("text").asString()).isEqualTo("Hello from primary");
    }

    @Test
    void aWholeAnswerFollowsTheSameFirstByteRuleAsAStream() {
        primary.enqueue(Fault.stallBeforeFirstByte(Duration.ofSeconds(10)));
        long start = System.nanoTime();
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("first_byte_timeout (2 s), not request_timeout (30 s)")
                .isLessThan(Duration.ofSeconds(10));
    }
}
