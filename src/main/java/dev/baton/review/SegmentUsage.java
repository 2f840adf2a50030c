package dev.baton.review;

import java.math.BigDecimal;

/**
 * Tokens and cost spent during a segment. The seam for the usage store: a segment gives its session, model and
 * time range; until usage is recorded there is nothing to report, and the review shows "-" rather than a guess.
 */
public interface SegmentUsage {
    SegmentUsage NONE = segment -> null;

    /** The segment's usage, or null when unknown. */
    Usage of(Segment segment);

    /** @param costUsd null when the model has no known price */
    record Usage(long inputTokens, long outputTokens, BigDecimal costUsd) {
        public long tokens() {
            return inputTokens + outputTokens;
        }
    }
}
