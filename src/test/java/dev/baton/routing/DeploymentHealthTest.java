package dev.baton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Failure;
import dev.baton.routing.DeploymentHealth.Permit;
import dev.baton.routing.DeploymentHealth.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentHealthTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Failure RATE_LIMITED = new Failure.RateLimited(null, Failure.RateLimitKind.TRANSIENT, "429");

    private final DeploymentHealth health = new DeploymentHealth();

    @Test
    void healthyDeploymentGrantsNormalPermitsToEveryone() {
        assertThat(health.tryAcquire(T0)).isEqualTo(Permit.NORMAL);
        assertThat(health.tryAcquire(T0)).isEqualTo(Permit.NORMAL);
        assertThat(health.state(T0)).isEqualTo(State.HEALTHY);
    }

    @Test
    void coolingBlocksUntilTheDeadline() {
        health.coolUntil(T0.plusSeconds(10));
        assertThat(health.tryAcquire(T0)).isNull();
        assertThat(health.tryAcquire(T0.plusMillis(9_999))).isNull();
        assertThat(health.state(T0.plusSeconds(5))).isEqualTo(State.COOLING);
        assertThat(health.availableAt(T0)).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void afterTheDeadlineExactlyOneProbeIsOutAtATime() {
        health.coolUntil(T0.plusSeconds(10));
        Instant after = T0.plusSeconds(10);
        assertThat(health.state(after)).isEqualTo(State.PROBATION);
        assertThat(health.tryAcquire(after)).isEqualTo(Permit.PROBE);
        assertThat(health.tryAcquire(after)).isNull();
        assertThat(health.tryAcquire(after.plusSeconds(30))).isNull();
    }

    @Test
    void probeSuccessLetsTheDeploymentTakeARisingShareOfTrafficUntilItIsHealthy() {
        health.coolUntil(T0.plusSeconds(10));
        Permit probe = health.tryAcquire(T0.plusSeconds(11));
        assertThat(health.share()).isEqualTo(1.0); // the probe itself goes out whatever the share
        health.answered(probe);
        assertThat(health.state(T0.plusSeconds(11))).isEqualTo(State.RECOVERING);
        assertThat(health.tryAcquire(T0.plusSeconds(11))).isEqualTo(Permit.NORMAL);
        java.util.List<Double> shares = new java.util.ArrayList<>();
        for (int i = 0; i < DeploymentHealth.RAMP_STEPS; i++) {
            shares.add(health.share());
            health.answered(Permit.NORMAL);
        }
        assertThat(shares).containsExactly(0.2, 0.4, 0.6, 0.8);
        assertThat(health.share()).isEqualTo(1.0);
        assertThat(health.state(T0.plusSeconds(12))).isEqualTo(State.HEALTHY);
    }

    @Test
    void aFailureWhileRecoveringCoolsItAgainAndTheRampStartsOver() {
        health.coolUntil(T0.plusSeconds(10));
        health.answered(health.tryAcquire(T0.plusSeconds(11)));
        health.coolFor(T0.plusSeconds(12), Duration.ofSeconds(5));
        assertThat(health.state(T0.plusSeconds(13))).isEqualTo(State.COOLING);
        assertThat(health.state(T0.plusSeconds(18))).isEqualTo(State.PROBATION);
        assertThat(health.share()).isEqualTo(1.0);
    }

    @Test
    void recoverPutsItBackIntoServiceAtOnce() {
        health.coolFor(T0, Duration.ofMinutes(5));
        health.recover();
        assertThat(health.state(T0.plusSeconds(1))).isEqualTo(State.HEALTHY);
        assertThat(health.tryAcquire(T0.plusSeconds(1))).isEqualTo(Permit.NORMAL);
        assertThat(health.escalation(T0.plusSeconds(1))).isZero();
    }

    @Test
    void probeFailureAndReCoolingBlocksAgainThenOffersANewProbe() {
        health.coolUntil(T0.plusSeconds(10));
        Permit probe = health.tryAcquire(T0.plusSeconds(11));
        health.failed(probe, RATE_LIMITED, T0.plusSeconds(11));
        health.coolUntil(T0.plusSeconds(20));
        assertThat(health.tryAcquire(T0.plusSeconds(15))).isNull();
        assertThat(health.state(T0.plusSeconds(15))).isEqualTo(State.COOLING);
        assertThat(health.tryAcquire(T0.plusSeconds(20))).isEqualTo(Permit.PROBE);
        assertThat(health.lastFailure()).isEqualTo(RATE_LIMITED);
    }

    @Test
    void reCoolingNeverShortensALaterDeadline() { // field notes 31
        health.coolUntil(T0.plus(Duration.ofHours(34)));
        health.coolUntil(T0.plusSeconds(5));
        assertThat(health.tryAcquire(T0.plusSeconds(6))).isNull();
        assertThat(health.availableAt(T0)).isEqualTo(T0.plus(Duration.ofHours(34)));
    }

    @Test
    void reCoolingExtendsAnEarlierDeadline() { // field notes 31
        health.coolUntil(T0.plusSeconds(5));
        health.coolUntil(T0.plusSeconds(60));
        assertThat(health.tryAcquire(T0.plusSeconds(6))).isNull();
        assertThat(health.availableAt(T0)).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void releasedProbeFreesTheSlotWithoutEndingProbation() {
        health.coolUntil(T0.plusSeconds(10));
        Permit probe = health.tryAcquire(T0.plusSeconds(10));
        health.released(probe);
        assertThat(health.state(T0.plusSeconds(10))).isEqualTo(State.PROBATION);
        assertThat(health.tryAcquire(T0.plusSeconds(10))).isEqualTo(Permit.PROBE);
    }

    @Test
    void countsFailuresWithinTheLastMinuteOnly() {
        assertThat(health.failed(Permit.NORMAL, RATE_LIMITED, T0)).isEqualTo(1);
        assertThat(health.failed(Permit.NORMAL, RATE_LIMITED, T0.plusSeconds(30))).isEqualTo(2);
        assertThat(health.failed(Permit.NORMAL, RATE_LIMITED, T0.plusSeconds(61))).isEqualTo(2);
        assertThat(health.failed(Permit.NORMAL, RATE_LIMITED, T0.plusSeconds(200))).isEqualTo(1);
    }

    @Test
    void anAnswerDoesNotForgiveTheFailuresOfTheLastMinute() { // a stream that breaks after each start still adds up
        health.failed(Permit.NORMAL, RATE_LIMITED, T0);
        health.failed(Permit.NORMAL, RATE_LIMITED, T0);
        health.answered(Permit.NORMAL);
        assertThat(health.failed(Permit.NORMAL, RATE_LIMITED, T0)).isEqualTo(3);
        assertThat(health.failed(Permit.NORMAL, RATE_LIMITED, T0.plusSeconds(61))).as("older than a minute: forgotten").isEqualTo(1);
    }

    @Test
    void cooldownsInARowEscalateAndAreForgottenTenMinutesAfterTheLastEnds() {
        assertThat(health.escalation(T0)).isZero();
        health.coolFor(T0, Duration.ofSeconds(1));
        assertThat(health.escalation(T0)).as("while cooling: the current cooldown's own step").isZero();
        assertThat(health.escalation(T0.plusSeconds(2))).isEqualTo(1);
        health.coolFor(T0.plusSeconds(2), Duration.ofSeconds(2));
        health.coolFor(T0.plusSeconds(3), Duration.ofSeconds(2)); // a parallel failure while cooling: the same episode
        assertThat(health.escalation(T0.plusSeconds(10))).isEqualTo(2);
        assertThat(health.escalation(T0.plusSeconds(5).plus(DeploymentHealth.ESCALATION_MEMORY).plusSeconds(1))).isZero();
    }

    @Test
    void settledOnlyAfterGoingWithoutFailureForTheSettleTimeDoubledPerCooldown() {
        Duration settle = Duration.ofSeconds(60);
        assertThat(health.settled(T0, settle)).as("never failed").isTrue();
        health.failed(Permit.NORMAL, RATE_LIMITED, T0);
        health.coolFor(T0, Duration.ofSeconds(5));
        assertThat(health.settled(T0.plusSeconds(3), settle)).as("cooling").isFalse();
        assertThat(health.settled(T0.plusSeconds(60), settle)).as("one cooldown: 120 s").isFalse();
        assertThat(health.settled(T0.plusSeconds(120), settle)).as("on probation, but settled: a returning session probes it").isTrue();
        Permit probe = health.tryAcquire(T0.plusSeconds(120));
        health.failed(probe, RATE_LIMITED, T0.plusSeconds(120));
        health.coolFor(T0.plusSeconds(120), Duration.ofSeconds(10));
        assertThat(health.settled(T0.plusSeconds(300), settle)).as("two cooldowns in a row: 240 s after the last failure").isFalse();
        assertThat(health.settled(T0.plusSeconds(360), settle)).isTrue();
    }
}
