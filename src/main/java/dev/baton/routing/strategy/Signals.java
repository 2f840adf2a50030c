package dev.baton.routing.strategy;

/**
 * What a strategy may weigh about one deployment. NaN where nothing is known yet.
 *
 * @param inFlight        its requests in flight now
 * @param ttftMs          moving average of its time to first token (streams)
 * @param latencyMs       moving average of its whole-answer time (whole answers)
 * @param tokensPerSecond moving average of its output speed
 * @param errorRate       moving average of its failure rate, 0 to 1
 * @param headroom        the share of its rate-limit window left, 0 to 1 (1 when it never said)
 * @param pricePerMTok    USD per million tokens, blended three input tokens to one output token (coding agents read
 *                        far more than they write)
 * @param weight          LiteLLM's `weight` (else its `rpm`, else `tpm`, else 1), for shuffling
 */
public record Signals(int inFlight, double ttftMs, double latencyMs, double tokensPerSecond, double errorRate, double headroom,
                      double pricePerMTok, double weight) {

    /** Output tokens of a typical answer, for comparing speeds that are measured in two parts. */
    static final int TYPICAL_OUTPUT_TOKENS = 500;

    /** Expected time of a typical answer: first token, then its output at the measured speed; NaN when unmeasured. */
    public double expectedMs() {
        double first = Double.isNaN(ttftMs) ? latencyMs : ttftMs;
        if (Double.isNaN(first)) return Double.NaN;
        return Double.isNaN(tokensPerSecond) || tokensPerSecond <= 0 ? first : first + TYPICAL_OUTPUT_TOKENS * 1000.0 / tokensPerSecond;
    }
}
