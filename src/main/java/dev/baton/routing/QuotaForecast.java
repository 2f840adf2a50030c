package dev.baton.routing;

import java.time.Instant;

/**
 * How much of its rate-limit window one deployment (for one credential) has used, as its own answers said
 * (`anthropic-ratelimit-*-remaining`, `x-ratelimit-remaining-*`) or Baton's count against its configured rpm/tpm.
 * A deployment past the threshold is passed over before it would answer 429, until its window resets.
 */
public final class QuotaForecast {
    private double usedFraction;
    private Instant resetAt = Instant.MIN;

    /** What one answer (or Baton's own count) said: the fullest of its windows, and when that window resets. */
    public synchronized void observe(double usedFraction, Instant resetAt) {
        this.usedFraction = Math.max(0, Math.min(1, usedFraction));
        this.resetAt = resetAt;
    }

    /** The share of the window used, as last seen; 0 once the window has reset (or nothing was ever said). */
    public synchronized double used(Instant now) {
        return now.isBefore(resetAt) ? usedFraction : 0;
    }

    /**
     * Whether the deployment is predicted to answer 429 soon: at or past {@code threshold} of a window not yet reset.
     * A threshold of 1 turns prediction off: the deployment is tried until it answers 429 itself.
     */
    public boolean nearLimit(Instant now, double threshold) {
        return threshold < 1 && used(now) >= threshold;
    }

    /** When the window last seen resets (Instant.MIN when unknown). */
    public synchronized Instant resetAt() {
        return resetAt;
    }
}
