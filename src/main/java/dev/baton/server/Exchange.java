package dev.baton.server;

import dev.baton.routing.FallbackEngine;
import dev.baton.usage.RequestMeter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One caller request in flight: its response, when it started, and the `x-baton-*` headers it will carry. */
final class Exchange {
    final ClientResponse out;
    final Caller caller;
    private final long startNanos;
    /** The request's usage account, once routing starts (see {@link Gateway#meter}); null before. */
    RequestMeter meter;
    /** The `baton.routes` rule that chose the request's group (`x-baton-route`), or null. */
    String routeRule;

    Exchange(ClientResponse out, Caller caller, long startNanos) {
        this.out = out;
        this.caller = caller;
        this.startNanos = startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    /** Closes the usage account with the status the caller got (499 when it went away before any). */
    void finish() {
        if (meter == null) return;
        try {
            meter.finish(out.status() == 0 ? 499 : out.status());
        } catch (RuntimeException e) { // the answer is out; a failed settlement must not turn into an error
            org.slf4j.LoggerFactory.getLogger(Exchange.class).warn("cannot settle the usage of a request: {}", e.toString());
        }
    }

    /** Microseconds as milliseconds with three decimals ("1.234"), without String.format's cost on every answer. */
    static String millis(long micros) {
        long frac = micros % 1000;
        return micros / 1000 + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }

    /**
     * `x-baton-deployment`, `x-baton-attempts`, `x-baton-overhead-ms`, and `x-baton-wait-ms` when the request waited
     * for a cooled deployment: who served, after how many tries, what Baton itself cost (not counting the upstreams
     * nor the waits), and how long it waited; `x-baton-route` when a route rule chose the group.
     */
    Map<String, String> batonHeaders(String deployment, FallbackEngine.Outcome<?> outcome) {
        List<FallbackEngine.AttemptRecord> attempts = outcome.attempts();
        Map<String, String> h = new LinkedHashMap<>();
        if (deployment != null) h.put("x-baton-deployment", deployment);
        if (routeRule != null) h.put("x-baton-route", routeRule);
        h.put("x-baton-attempts", Integer.toString(attempts.size()));
        long upstreamMicros = 0;
        for (FallbackEngine.AttemptRecord a : attempts) upstreamMicros += a.micros();
        long overheadMicros = Math.max(0, (System.nanoTime() - startNanos) / 1000 - upstreamMicros - outcome.waitedMicros());
        h.put("x-baton-overhead-ms", millis(overheadMicros));
        if (outcome.waitedMicros() > 0) h.put("x-baton-wait-ms", millis(outcome.waitedMicros()));
        return h;
    }
}
