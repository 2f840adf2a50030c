package dev.baton.server;

import dev.baton.canonical.Failure;
import dev.baton.config.Deployment;
import dev.baton.provider.QuotaHeaders;
import dev.baton.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A deployment's own `rpm` and `tpm` (LiteLLM's per-deployment limits): once a minute's requests or estimated input
 * tokens reach them (a request is admitted while the minute is under its limits), the deployment is passed over
 * until the minute ends, as if it had answered 429 with that wait.
 * Counted in the shared state store, so several instances share one limit. Input tokens are estimated at four bytes
 * of request body each, which is cheap and errs on the high side for JSON.
 */
final class DeploymentQuota {
    private static final Duration WINDOW_TTL = Duration.ofSeconds(120);

    private final StateStore state;
    private final Clock clock;

    DeploymentQuota(StateStore state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** Takes one request (and its tokens) from the deployment's minute; a RateLimited failure when it has none left. */
    Failure take(Deployment d, int bodyBytes) {
        if (d.rpm() == null && d.tpm() == null) return null;
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        Duration untilNextMinute = Duration.ofSeconds((minute + 1) * 60 - now.getEpochSecond());
        if (d.rpm() != null && state.tryAdd("deployment:rpm:" + d.id() + ":" + minute, 1, 1, d.rpm(), WINDOW_TTL) == StateStore.REFUSED) {
            return limited(d, "rpm " + d.rpm(), untilNextMinute);
        }
        long tokens = Math.max(1, bodyBytes / 4);
        if (d.tpm() != null && state.tryAdd("deployment:tpm:" + d.id() + ":" + minute, tokens, 1, d.tpm(), WINDOW_TTL) == StateStore.REFUSED) {
            if (d.rpm() != null) state.add("deployment:rpm:" + d.id() + ":" + minute, -1, WINDOW_TTL); // not sent after all
            return limited(d, "tpm " + d.tpm(), untilNextMinute);
        }
        return null;
    }

    /**
     * How much of its own rpm/tpm the deployment has used this minute (0 to 1, the fuller of the two), and when the
     * minute ends; null when it has neither limit.
     */
    QuotaHeaders.Reading used(Deployment d) {
        if (d.rpm() == null && d.tpm() == null) return null;
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        double used = 0;
        if (d.rpm() != null) used = Math.max(used, state.get("deployment:rpm:" + d.id() + ":" + minute) / (double) d.rpm());
        if (d.tpm() != null) used = Math.max(used, state.get("deployment:tpm:" + d.id() + ":" + minute) / (double) d.tpm());
        return new QuotaHeaders.Reading(Math.min(1, used), Instant.ofEpochSecond((minute + 1) * 60));
    }

    private static Failure limited(Deployment d, String limit, Duration wait) {
        return new Failure.RateLimited(wait, Failure.RateLimitKind.TRANSIENT,
                "deployment " + d.id() + " reached its own " + limit + " for this minute");
    }
}
