package dev.baton.server;

import dev.baton.canonical.Failure;
import dev.baton.routing.FallbackEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the caller is told when no deployment could serve: a status its client knows how to retry (429 for rate
 * limits, 529 for overload), `retry-after` set to the earliest recovery, and Anthropic's rate-limit headers, so that
 * Claude Code waits the right time instead of retrying blindly (field notes 28, 32).
 */
record NotServedResponse(int status, String message, Map<String, String> headers) {

    static NotServedResponse of(String requested, FallbackEngine.Outcome.NotServed<?> ns, Instant now) {
        Failure decisive = ns.decisive();
        boolean rateLimited = decisive instanceof Failure.RateLimited || any(ns.attempts(), Failure.RateLimited.class);
        boolean overloaded = decisive instanceof Failure.Overloaded || any(ns.attempts(), Failure.Overloaded.class);
        int status;
        if (decisive instanceof Failure.ContextTooLong) status = 400;
        else if (decisive instanceof Failure.ContentPolicy) status = 400;
        else if (rateLimited) status = 429;
        else if (overloaded) status = 529;
        else if (ns.attempts().isEmpty()) status = 429; // all cooling: tell the client when to come back
        else if (decisive instanceof Failure.TimedOut) status = 504;
        else if (decisive instanceof Failure.Internal) status = 500;
        else if (decisive instanceof Failure.Misconfigured m && m.status() != 404) status = m.status();
        else status = 502;

        long seconds = Math.max(1, (long) Math.ceil(Duration.between(now, ns.retryAt()).toMillis() / 1000.0));
        Map<String, String> h = new LinkedHashMap<>();
        if (status == 429 || status == 529 || status >= 500) {
            h.put("retry-after", Long.toString(seconds));
        }
        if (status == 429 || status == 529) {
            String reset = now.plusSeconds(seconds).toString(); // RFC 3339, as Anthropic sends it
            h.put("anthropic-ratelimit-requests-limit", "1");
            h.put("anthropic-ratelimit-requests-remaining", "0");
            h.put("anthropic-ratelimit-requests-reset", reset);
            if (decisive instanceof Failure.RateLimited r && r.kind() == Failure.RateLimitKind.QUOTA_EXHAUSTED) {
                h.put("anthropic-ratelimit-unified-status", "rejected");
                h.put("anthropic-ratelimit-unified-reset", Long.toString(now.getEpochSecond() + seconds));
            }
        }
        return new NotServedResponse(status, message(requested, ns, seconds), h);
    }

    private static String message(String requested, FallbackEngine.Outcome.NotServed<?> ns, long seconds) {
        StringBuilder m = new StringBuilder();
        if (ns.decisive() instanceof Failure.ContextTooLong c) {
            return c.detail() + " (no deployment for '" + requested + "' has a context window large enough)";
        }
        m.append("No deployment for '").append(requested).append("' could serve this request");
        if (ns.attempts().isEmpty()) {
            m.append(": all are cooling down (").append(ns.decisive().detail()).append(')');
        } else {
            m.append(": ");
            java.util.Set<String> said = new java.util.LinkedHashSet<>(); // retries repeat causes; each is said once
            for (FallbackEngine.AttemptRecord a : ns.attempts()) {
                said.add(a.deployment() + ": " + (a.failure() == null ? "ok" : a.failure().detail()));
            }
            m.append(String.join("; ", said));
        }
        return m.append(". Retry after ").append(seconds).append(" s.").toString();
    }

    private static boolean any(List<FallbackEngine.AttemptRecord> attempts, Class<? extends Failure> type) {
        for (FallbackEngine.AttemptRecord a : attempts) if (type.isInstance(a.failure())) return true;
        return false;
    }
}
