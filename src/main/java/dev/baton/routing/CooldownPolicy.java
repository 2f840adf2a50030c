package dev.baton.routing;

import dev.baton.canonical.Failure;
import dev.baton.config.RouterSettings;
import java.time.Duration;

/**
 * How long a deployment rests after a failure: rate limits and overload at once, for the longest of
 * `cooldown_time`, Retry-After and the provider's reset headers (field notes 30); other failures only after more
 * than `allowed_fails` in a minute; failures of the request itself never.
 */
public final class CooldownPolicy {
    /** A used-up quota that names no reset time: long enough not to hammer it, short enough to notice a reset. */
    static final Duration QUOTA_WITHOUT_HINT = Duration.ofMinutes(5);

    private final Duration cooldownTime;
    private final int allowedFails;

    public CooldownPolicy(RouterSettings router) {
        this.cooldownTime = router.cooldownTime();
        this.allowedFails = router.allowedFails();
    }

    /** The cooldown to apply, or null for none. */
    public Duration cooldownFor(Failure failure, int failuresInLastMinute) {
        return switch (failure) {
            case Failure.RateLimited r -> max(cooldownTime, r.retryAfter() != null ? r.retryAfter()
                    : r.kind() == Failure.RateLimitKind.QUOTA_EXHAUSTED ? QUOTA_WITHOUT_HINT : null);
            case Failure.Overloaded o -> max(cooldownTime, o.retryAfter());
            case Failure.Misconfigured m -> cooldownTime;
            case Failure.ContextTooLong c -> null;
            case Failure.Rejected r -> null;
            case Failure.ServerError s -> failuresInLastMinute > allowedFails ? cooldownTime : null;
            case Failure.TimedOut t -> failuresInLastMinute > allowedFails ? cooldownTime : null;
            case Failure.Reset r -> failuresInLastMinute > allowedFails ? cooldownTime : null;
            case Failure.Malformed m -> failuresInLastMinute > allowedFails ? cooldownTime : null;
        };
    }

    private static Duration max(Duration a, Duration b) {
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
