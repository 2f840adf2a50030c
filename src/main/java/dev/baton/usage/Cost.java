package dev.baton.usage;

import dev.baton.canonical.Usage;
import dev.baton.catalog.ModelInfo;

/**
 * What a response costs: input × p_in + cache_write_5m × p_write + cache_write_1h × p_write_1h + cache_read × p_read
 * + output × p_out, from the final cumulative usage (field notes 35–37). Cache writes and reads are not input as well:
 * Anthropic's `input_tokens` already leaves them out, which is what LiteLLM once double-charged.
 */
public final class Cost {
    private Cost() {
    }

    /** In US dollars. */
    public static double usd(Usage u, ModelInfo p) {
        if (u == null || !p.known()) return 0;
        double in = p.inputCostPerToken();
        double out = p.outputCostPerToken();
        Double write = p.cacheWriteCostPerToken();
        Double read = p.cacheReadCostPerToken();
        if (p.above200k() != null && u.totalInputTokens() > ModelInfo.LONG_CONTEXT_THRESHOLD) {
            ModelInfo.Tier t = p.above200k();
            in = t.inputCostPerToken();
            out = t.outputCostPerToken();
            if (t.cacheWriteCostPerToken() != null) write = t.cacheWriteCostPerToken();
            if (t.cacheReadCostPerToken() != null) read = t.cacheReadCostPerToken();
        }
        double w5 = write != null ? write : in;
        // a 1-hour write costs twice the input price at Anthropic; without a price of its own, the 5-minute one is the floor
        double w1h = p.cacheWrite1hCostPerToken() != null && (p.above200k() == null || u.totalInputTokens() <= ModelInfo.LONG_CONTEXT_THRESHOLD)
                ? p.cacheWrite1hCostPerToken() : w5;
        double r = read != null ? read : in;
        return u.inputTokens() * in + u.cacheWrite5mTokens() * w5 + u.cacheWrite1hTokens() * w1h + u.cacheReadTokens() * r
                + u.outputTokens() * out;
    }

    /** In nano-dollars, the unit budgets count in (exact sums, no floating-point drift across thousands of requests). */
    public static long nanos(double usd) {
        return Math.round(usd * 1e9);
    }

    public static double usdOf(long nanos) {
        return nanos / 1e9;
    }
}
