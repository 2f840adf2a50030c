package dev.baton.review;

import dev.baton.journal.TagName;
import dev.baton.store.SpendRow;
import dev.baton.store.UsageStore;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A segment's tokens and cost from the usage store: the requests its model served between the segment's tag and the
 * next one (or now, while it is open). Null when the store holds none, so the review shows "-" rather than a zero it
 * cannot vouch for.
 */
public final class RecordedSegmentUsage implements SegmentUsage {
    /**
     * A record's finish time is its start plus its latency, both in whole milliseconds, so the request that caused the
     * switch can appear to finish a millisecond or two before the switch itself. Segments next to each other serve
     * different models, so the slack cannot take another segment's requests.
     */
    private static final long CLOCK_SLACK_MS = 5;
    private final UsageStore store;

    public RecordedSegmentUsage(UsageStore store) {
        this.store = store;
    }

    @Override
    public Usage of(Segment segment) {
        Instant to = segment.to() != null ? segment.to() : Instant.now();
        long input = 0;
        long output = 0;
        double cost = 0;
        boolean any = false;
        for (SpendRow row : store.byUpstreamModel(segment.from().toEpochMilli() - CLOCK_SLACK_MS, to.toEpochMilli())) {
            if (row.name() == null || !TagName.sanitize(row.name()).equals(segment.model())) continue;
            any = true;
            input += row.inputTokens() + row.cacheReadTokens() + row.cacheWriteTokens();
            output += row.outputTokens();
            cost += row.costUsd();
        }
        return any ? new Usage(input, output, BigDecimal.valueOf(cost)) : null;
    }
}
