package dev.baton.canonical;

import java.time.Duration;

/**
 * Why one attempt at one deployment did not produce an answer. Failures are values: routing decides on them,
 * the caller's dialect renders them.
 */
public sealed interface Failure {

    /** Whether the request should move on to the next deployment. */
    boolean fallsBack();

    /** What the upstream (or the wire) said, for logs and the final error; never contains credentials. */
    String detail();

    /** How long the provider asked us to stay away, if it said so. */
    default Duration retryAfter() {
        return null;
    }

    enum RateLimitKind {
        /** The account's quota window is used up (e.g. `anthropic-ratelimit-unified-status: rejected`); lasts long. */
        QUOTA_EXHAUSTED,
        /** A per-minute request or token limit; clears in seconds. */
        TRANSIENT
    }

    record RateLimited(Duration retryAfter, RateLimitKind kind, String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /** 529 / `overloaded_error`: the provider as a whole is busy. */
    record Overloaded(Duration retryAfter, String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    record ServerError(int status, String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    enum Phase { CONNECT, FIRST_BYTE, IDLE, TOTAL }

    record TimedOut(Phase phase, String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /** The connection was refused or broke; {@code beforeFirstByte} tells whether anything had arrived. */
    record Reset(boolean beforeFirstByte, String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /** The upstream answered something that is not its own wire format. */
    record Malformed(String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /** The prompt does not fit this deployment's context window: a larger one may take it. */
    record ContextTooLong(String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /**
     * The provider refused the request on content policy (a safety filter). Another provider may take it, so the
     * request moves on (and to `content_policy_fallbacks`); the deployment is not to blame.
     */
    record ContentPolicy(int status, String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /**
     * This deployment cannot serve anyone as configured: credentials refused (401/403) or the model unknown (404).
     * Another deployment has other credentials and models, so the request moves on.
     */
    record Misconfigured(int status, String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /**
     * Baton itself failed while handling this attempt (a defect, not the deployment's fault): the request moves on,
     * but the deployment is not cooled and the request is not retried later, since the same defect would recur.
     */
    record Internal(String detail) implements Failure {
        public boolean fallsBack() { return true; }
    }

    /**
     * The upstream refused the request itself (a malformed-request 400, 413, 422 ...). Returned to the caller
     * as is: the same request would fail everywhere, so it never cascades through fallbacks.
     */
    record Rejected(int status, String detail) implements Failure {
        public boolean fallsBack() { return false; }
    }
}
