package dev.baton.usage;

import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import dev.baton.dialect.SseEvent;
import dev.baton.routing.FallbackEngine;
import dev.baton.store.UsageRecord;
import dev.baton.store.VirtualKey;
import java.util.List;

/**
 * One request's account, filled in by the endpoint as it goes: who served it ({@link #served}), its usage (a whole
 * {@link #message} or each stream {@link #event}), and at the end {@link #finish} with the status the caller got,
 * which writes the usage record (through the batched writer), updates the metrics and settles the key's reservations.
 */
public final class RequestMeter {
    private final Metering metering;
    private final long startNanos;
    private final long atMs;
    private final VirtualKey key;
    private final boolean master;
    private final String session;
    private final String requested;
    private final String group;
    private final boolean stream;
    private final Limits.Reservation reservation;
    private final UsageTap tap = new UsageTap();
    private FallbackEngine.Candidate by;
    private List<FallbackEngine.AttemptRecord> attempts = List.of();
    private long overheadNanos = -1;
    private Long ttftMs;
    private Usage whole;
    private boolean finished;

    RequestMeter(Metering metering, long startNanos, VirtualKey key, boolean master, String session, String requested, String group,
                 boolean stream, Limits.Reservation reservation) {
        this.metering = metering;
        this.startNanos = startNanos;
        this.atMs = System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000;
        this.key = key;
        this.master = master;
        this.session = session;
        this.requested = requested;
        this.group = group;
        this.stream = stream;
        this.reservation = reservation;
    }

    /** The answer is about to go out, from this deployment, after these attempts. */
    public void served(FallbackEngine.Candidate candidate, List<FallbackEngine.AttemptRecord> path) {
        long now = System.nanoTime();
        by = candidate;
        attempts = path;
        long upstream = 0;
        for (FallbackEngine.AttemptRecord a : path) upstream += a.micros() * 1000;
        overheadNanos = Math.max(0, now - startNanos - upstream);
        if (stream) ttftMs = (now - startNanos) / 1_000_000;
    }

    /** No deployment served; these attempts were made. */
    public void notServed(List<FallbackEngine.AttemptRecord> path) {
        attempts = path;
    }

    /** A whole (non-streamed) Anthropic message body. */
    public void message(byte[] body) {
        whole = UsageTap.ofMessage(body);
    }

    /** A whole answer's usage, as its dialect's tap or a translator read it (null when it had none). */
    public void usage(Usage u) {
        whole = u;
    }

    /** A stream event relayed as it came (same dialect); only the events that carry usage are parsed. */
    public void event(SseEvent e) {
        tap.onEvent(e);
    }

    /** A translated stream's event: its start and finish carry the usage. */
    public void event(StreamEvent e) {
        if (e instanceof StreamEvent.Start s) tap.add(s.usage());
        else if (e instanceof StreamEvent.Finish f) tap.add(f.usage());
    }

    /** Ends the account with the status the caller got; later calls do nothing. */
    public void finish(int status) {
        if (finished) return;
        finished = true;
        Usage usage = whole != null ? whole : tap.usage();
        double cost = 0;
        String deployment = null;
        String provider = null;
        String upstreamModel = null;
        if (by != null) {
            deployment = by.deployment().id();
            provider = by.deployment().provider();
            upstreamModel = by.upstreamModel();
            cost = Cost.usd(usage, metering.price(by.deployment(), upstreamModel));
        }
        String keyHash = key != null ? key.keyHash() : master ? UsageRecord.MASTER_KEY : null;
        String keyAlias = key != null ? key.alias() : master ? UsageRecord.MASTER_KEY : null;
        UsageRecord r = new UsageRecord(atMs, keyHash, keyAlias, session, requested,
                group, deployment, provider, upstreamModel, status, stream, attempts.size(), path(attempts),
                (System.nanoTime() - startNanos) / 1_000_000, ttftMs, usage == null ? Usage.ZERO : usage, cost);
        try {
            metering.metrics().request(r, overheadNanos);
            metering.recorder().record(r);
            metering.finished(r);
        } finally {
            if (reservation != null) reservation.settle(cost, usage);
        }
    }

    /** `primary: rate limited (429) > secondary: ok`. */
    static String path(List<FallbackEngine.AttemptRecord> attempts) {
        StringBuilder b = new StringBuilder();
        for (FallbackEngine.AttemptRecord a : attempts) {
            if (!b.isEmpty()) b.append(" > ");
            b.append(a.deployment()).append(": ").append(a.failure() == null ? "ok" : FallbackEngine.describe(a.failure()));
        }
        return b.toString();
    }
}
