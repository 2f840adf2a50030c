package dev.baton.routing;

import dev.baton.canonical.Failure;
import dev.baton.config.RouterSettings;
import java.time.Duration;

/**
 * How long a deployment rests after a failure: rate limits and overload at once, for the longest of
 * `cooldown_time`, Retry-After and the provider's reset headers (field notes 30); other failures only after more
 * than `allowed_fails` in a minute; failures of the request itself never. A deployment cooled again soon after its
 * last cooldown rests twice as long each time (up to {@link #MAX_ESCALATED}, or the provider's own deadline when
 * that is longer), so one that keeps failing after each recovery is not tried every few seconds.
 */
public final class CooldownPolicy {
    /** A used-up quota that names no reset time: long enough not to hammer it, short enough to notice a reset. */
    static final Duration QUOTA_WITHOUT_HINT = Duration.ofMinutes(5);
    /** The longest `cooldown_time` grows to by escalation. */
    static final Duration MAX_ESCALATED = Duration.ofMinutes(10);

    private final Duration cooldownTime;
    private final int allowedFails;

    public CooldownPolicy(RouterSettings router) {
        this.cooldownTime = router.cooldownTime();
        this.allowedFails = router.allowedFails();
    }

    /** The cooldown to apply to a deployment not cooled lately, or null for none. */
    public Duration cooldownFor(Failure failure, int failuresInLastMinute) {
        return cooldownFor(failure, failuresInLastMinute, 0);
    }

    /**
     * The cooldown to apply, or null for none.
     *
     * @param escalation cooldowns in a row before this one ({@link DeploymentHealth#escalation})
     */
    public Duration cooldownFor(Failure failure, int failuresInLastMinute, int escalation) {
        Duration rest = escalated(escalation);
        return switch (failure) {
            case Failure.RateLimited r -> max(rest, r.retryAfter() != null ? r.retryAfter()
                    : r.kind() == Failure.RateLimitKind.QUOTA_EXHAUSTED ? QUOTA_WITHOUT_HINT : null);
            case Failure.Overloaded o -> max(rest, o.retryAfter());
            case Failure.Misconfigured m -> rest;
            case Failure.ContextTooLong c -> null;
            case Failure.ContentPolicy c -> null;
            case Failure.Rejected r -> null;
            case Failure.Internal i -> null;
            case Failure.ServerError s -> failuresInLastMinute > allowedFails ? rest : null;
            case Failure.TimedOut t -> failuresInLastMinute > allowedFails ? rest : null;
            case Failure.Reset r -> failuresInLastMinute > allowedFails ? rest : null;
            case Failure.Malformed m -> failuresInLastMinute > allowedFails ? rest : null;
        };
    }

    private Duration escalated(int escalation) {
        if (escalation <= 0) return cooldownTime;
        Duration cap = cooldownTime.compareTo(MAX_ESCALATED) > 0 ? cooldownTime : MAX_ESCALATED;
        Duration d = cooldownTime.multipliedBy(1L << Math.min(escalation, 20));
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private static Duration max(Duration a, Duration b) {
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
