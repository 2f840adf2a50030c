package dev.baton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import dev.baton.config.RouterSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CooldownPolicyTest {
    private static final Duration COOLDOWN = Duration.ofSeconds(5);
    private static final int ALLOWED_FAILS = 3;
    private final CooldownPolicy policy = new CooldownPolicy(
            new RouterSettings(Map.of(), Map.of(), 2, COOLDOWN, ALLOWED_FAILS, "simple-shuffle"));

    @Test
    void rateLimitCoolsForTheLongerOfCooldownTimeAndRetryAfter() {
        assertThat(policy.cooldownFor(new Failure.RateLimited(Duration.ofSeconds(30), RateLimitKind.TRANSIENT, "429"), 1))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.cooldownFor(new Failure.RateLimited(Duration.ofSeconds(1), RateLimitKind.TRANSIENT, "429"), 1))
                .isEqualTo(COOLDOWN);
        assertThat(policy.cooldownFor(new Failure.RateLimited(null, RateLimitKind.TRANSIENT, "429"), 1)).isEqualTo(COOLDOWN);
    }

    @Test
    void cooldownsInARowDoubleUnlessTheProviderSaidWhenToComeBack() {
        Failure noHint = new Failure.RateLimited(null, RateLimitKind.TRANSIENT, "429");
        assertThat(policy.cooldownFor(noHint, 1, 0)).isEqualTo(COOLDOWN);
        assertThat(policy.cooldownFor(noHint, 1, 2)).isEqualTo(COOLDOWN.multipliedBy(4));
        assertThat(policy.cooldownFor(noHint, 1, 20)).isEqualTo(CooldownPolicy.MAX_ESCALATED);
        assertThat(policy.cooldownFor(new Failure.ServerError(500, "500"), ALLOWED_FAILS + 1, 1)).isEqualTo(COOLDOWN.multipliedBy(2));
        // a quota window that resets every few seconds must not push the deployment out for minutes
        assertThat(policy.cooldownFor(new Failure.RateLimited(Duration.ofSeconds(3), RateLimitKind.TRANSIENT, "429"), 1, 3))
                .isEqualTo(COOLDOWN);
        assertThat(policy.cooldownFor(new Failure.Overloaded(Duration.ofSeconds(7), "529"), 1, 3)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void providerDeadlineOfDaysIsKept() { // field notes 30
        Duration quotaReset = Duration.ofSeconds(124_633);
        assertThat(policy.cooldownFor(new Failure.RateLimited(quotaReset, RateLimitKind.QUOTA_EXHAUSTED, "429"), 1)).isEqualTo(quotaReset);
    }

    @Test
    void exhaustedQuotaWithoutHintRestsFiveMinutes() {
        assertThat(policy.cooldownFor(new Failure.RateLimited(null, RateLimitKind.QUOTA_EXHAUSTED, "429"), 1))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void overloadCoolsAtOnceForTheLongerOfCooldownTimeAndRetryAfter() {
        assertThat(policy.cooldownFor(new Failure.Overloaded(null, "529"), 1)).isEqualTo(COOLDOWN);
        assertThat(policy.cooldownFor(new Failure.Overloaded(Duration.ofSeconds(20), "529"), 1)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void serverErrorsTimeoutsAndResetsCoolOnlyAfterMoreThanAllowedFailsInAMinute() {
        List<Failure> failures = List.of(
                new Failure.ServerError(500, "500"),
                new Failure.TimedOut(Failure.Phase.FIRST_BYTE, "timeout"),
                new Failure.Reset(true, "reset"),
                new Failure.Malformed("not json"));
        for (Failure f : failures) {
            assertThat(policy.cooldownFor(f, 1)).as(f.toString()).isNull();
            assertThat(policy.cooldownFor(f, ALLOWED_FAILS)).as(f.toString()).isNull();
            assertThat(policy.cooldownFor(f, ALLOWED_FAILS + 1)).as(f.toString()).isEqualTo(COOLDOWN);
        }
    }

    @Test
    void failuresOfTheRequestItselfNeverCool() {
        assertThat(policy.cooldownFor(new Failure.Rejected(400, "bad"), 100)).isNull();
        assertThat(policy.cooldownFor(new Failure.ContextTooLong("too long"), 100)).isNull();
    }

    @Test
    void misconfiguredDeploymentCoolsAtOnce() {
        assertThat(policy.cooldownFor(new Failure.Misconfigured(401, "bad key"), 1)).isEqualTo(COOLDOWN);
    }
}
