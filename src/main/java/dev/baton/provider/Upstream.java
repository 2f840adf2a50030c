package dev.baton.provider;

import dev.baton.canonical.FailureException;

/**
 * One wire protocol spoken to a deployment. Implementations build the upstream request and open it; reading and
 * classifying the answer belongs to the dialect the upstream speaks.
 */
public interface Upstream {

    /** Opens one attempt; returns when the response headers have arrived. */
    UpstreamResponse open(UpstreamRequest request) throws FailureException;

    /** Whether this upstream answers count_tokens itself (otherwise Baton estimates locally). */
    default boolean countsTokens() {
        return false;
    }
}
