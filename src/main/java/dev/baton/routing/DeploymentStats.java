package dev.baton.routing;

/**
 * What routing strategies know of one deployment from the traffic it served: requests in flight, and moving
 * averages (EWMA) of its time to first token, whole-answer latency, output speed and failure rate. Thread-safe.
 */
public final class DeploymentStats {
    /** Weight of the newest sample in each moving average: about the last ten requests count. */
    static final double ALPHA = 0.2;

    private int inFlight;
    private long requests;
    private double ttftMs = Double.NaN;
    private double latencyMs = Double.NaN;
    private double tokensPerSecond = Double.NaN;
    private double errorRate;

    /** A snapshot; NaN where nothing has been measured yet. */
    public record Snapshot(int inFlight, long requests, double ttftMs, double latencyMs, double tokensPerSecond, double errorRate) {
    }

    public synchronized void started() {
        inFlight++;
    }

    /** An attempt ended: answered (even a refusal of the request shows it is up) or failed. */
    public synchronized void ended(boolean failed) {
        inFlight = Math.max(0, inFlight - 1);
        requests++;
        errorRate = ewma(errorRate, failed ? 1 : 0);
    }

    /** A stream it had begun to serve broke: the attempt counted as answered, and now counts as failed too. */
    public synchronized void brokeAfterContent() {
        errorRate = ewma(errorRate, 1);
    }

    /** A request it served ended: its time to first token (streams), whole time, and output tokens. */
    public synchronized void served(Long ttftMs, long latencyMs, long outputTokens) {
        if (ttftMs != null) this.ttftMs = ewma(this.ttftMs, ttftMs);
        else this.latencyMs = ewma(this.latencyMs, latencyMs);
        long generating = latencyMs - (ttftMs == null ? 0 : ttftMs);
        if (outputTokens > 0 && generating > 0) tokensPerSecond = ewma(tokensPerSecond, outputTokens * 1000.0 / generating);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(inFlight, requests, ttftMs, latencyMs, tokensPerSecond, errorRate);
    }

    private static double ewma(double average, double sample) {
        return Double.isNaN(average) ? sample : average + ALPHA * (sample - average);
    }
}
