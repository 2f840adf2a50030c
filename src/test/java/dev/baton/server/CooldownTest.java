package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.canonical.Failure;
import dev.baton.routing.DeploymentHealth;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cooldowns follow what the provider said: Retry-After and the unified quota reset (G30, G31, G33). Each request
 * comes from a session of its own: a session moved to the secondary stays there (see SessionAffinityTest).
 */
class CooldownTest extends PrimaryAndSecondary {

    private HttpResponse<String> post(boolean stream) {
        return gw.post("/v1/messages", Wire.message("claude-sonnet", stream), "x-claude-code-session-id", java.util.UUID.randomUUID().toString());
    }

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.router("cooldown_time", "1").router("allowed_fails", "3");
    }

    // G30, G31
    @Test
    void retryAfterCoolsThePrimaryThenOneProbeGoesBackToIt() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(2)));
        HttpResponse<String> first = post(false);
        assertThat(first.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(gw.state("primary")).isEqualTo(DeploymentHealth.State.COOLING);

        HttpResponse<String> second = post(true);
        assertThat(second.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(second.headers().firstValue("x-baton-attempts")).as("the cooled primary is skipped, not tried").hasValue("1");
        assertThat(primary.requestCount()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> gw.state("primary") != DeploymentHealth.State.COOLING);
        assertThat(gw.state("primary")).isEqualTo(DeploymentHealth.State.PROBATION);
        HttpResponse<String> probe = post(false);
        assertThat(probe.headers().firstValue("x-baton-deployment")).hasValue("primary");
        assertThat(primary.requestCount()).isEqualTo(2);
        assertThat(gw.state("primary")).as("back, taking a rising share of traffic").isEqualTo(DeploymentHealth.State.RECOVERING);
    }

    // G30, G33
    @Test
    void quotaRejectionCoolsForAboutAnHourUntilTheUnifiedReset() {
        long reset = Instant.now().getEpochSecond() + 3600;
        primary.enqueue(Fault.rateLimited(null, Map.of(
                "anthropic-ratelimit-unified-status", "rejected",
                "anthropic-ratelimit-unified-reset", Long.toString(reset))));
        HttpResponse<String> first = post(false);
        assertThat(first.headers().firstValue("x-baton-deployment")).hasValue("secondary");

        Instant now = Instant.now();
        DeploymentHealth h = gw.health("primary");
        assertThat(h.state(now)).isEqualTo(DeploymentHealth.State.COOLING);
        assertThat(h.availableAt(now)).isAfter(now.plus(Duration.ofMinutes(59))).isBefore(now.plus(Duration.ofMinutes(61)));
        assertThat(h.lastFailure()).isInstanceOfSatisfying(Failure.RateLimited.class,
                r -> assertThat(r.kind()).isEqualTo(Failure.RateLimitKind.QUOTA_EXHAUSTED));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post(i % 2 == 0);
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        }
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsBelowAllowedFailsDoNotCool() {
        primary.enqueue(Fault.serverError(500));
        post(false);
        assertThat(gw.state("primary")).isEqualTo(DeploymentHealth.State.HEALTHY);
        HttpResponse<String> next = post(false);
        assertThat(next.headers().firstValue("x-baton-deployment")).hasValue("primary");
    }

    @Test
    void serverErrorsBeyondAllowedFailsCool() {
        primary.always(Fault.serverError(500));
        for (int i = 0; i < 4; i++) post(false);
        assertThat(primary.requestCount()).isEqualTo(4);
        assertThat(gw.state("primary")).isEqualTo(DeploymentHealth.State.COOLING);
        HttpResponse<String> next = post(false);
        assertThat(next.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(primary.requestCount()).isEqualTo(4);
    }
}
