package dev.baton.canonical;

/**
 * Token counts of one response, as the final cumulative usage reports them (Anthropic's `message_delta` in streams).
 * Input tokens exclude cache reads and writes, as in Anthropic's usage; translators from other dialects subtract
 * cached tokens from their prompt totals so the four input kinds never overlap (field notes 35).
 *
 * @param inputTokens        uncached input
 * @param outputTokens       output, thinking included
 * @param cacheReadTokens    input read from the prompt cache
 * @param cacheWrite5mTokens input written to the 5-minute cache
 * @param cacheWrite1hTokens input written to the 1-hour cache
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWrite5mTokens, long cacheWrite1hTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    public long cacheWriteTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    /** All input the model read: uncached, cached and cache-written. */
    public long totalInputTokens() {
        return inputTokens + cacheReadTokens + cacheWriteTokens();
    }

    /** Later cumulative figures win field by field; a zero never erases an earlier count (streams report in parts). */
    public Usage merge(Usage later) {
        if (later == null) return this;
        return new Usage(pick(inputTokens, later.inputTokens), pick(outputTokens, later.outputTokens),
                pick(cacheReadTokens, later.cacheReadTokens), pick(cacheWrite5mTokens, later.cacheWrite5mTokens),
                pick(cacheWrite1hTokens, later.cacheWrite1hTokens));
    }

    private static long pick(long earlier, long later) {
        return later != 0 ? later : earlier;
    }
}
