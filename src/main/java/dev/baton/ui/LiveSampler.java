package dev.baton.ui;

import dev.baton.metrics.BatonMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Requests per second, latency and time to first token per deployment over the last minute, from the gateway's own
 * meters: a sample of the cumulative counts every second, and the difference between the newest and the one a
 * minute older. Sampling runs on one virtual thread while the dashboard is up; it reads counters, nothing more.
 */
final class LiveSampler implements AutoCloseable {
    static final long WINDOW_MS = 60_000;

    /** Cumulative figures of one deployment at one moment. */
    record Totals(long requests, long errors, double latencyMs, long ttftCount, double ttftMs) {
        static final Totals ZERO = new Totals(0, 0, 0, 0, 0);
    }

    /** One deployment over the window. */
    record Rates(double perSecond, long requests, long errors, Double latencyMs, Double ttftMs) {
        static final Rates NONE = new Rates(0, 0, 0, null, null);
    }

    private record Sample(long atMs, Map<String, Totals> byDeployment) {
    }

    private final BatonMetrics metrics;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final Thread thread;

    LiveSampler(BatonMetrics metrics) {
        this.metrics = metrics;
        sample();
        thread = Thread.ofVirtual().name("baton-ui-sampler").start(this::run);
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException stop) {
                return;
            }
            sample();
        }
    }

    void sample() {
        Sample s = new Sample(System.currentTimeMillis(), totals());
        synchronized (samples) {
            samples.addLast(s);
            while (samples.size() > 2 && samples.peekFirst().atMs() < s.atMs() - WINDOW_MS) samples.pollFirst();
        }
    }

    /** Each deployment's rates between the oldest sample of the window and now. */
    Map<String, Rates> rates() {
        Sample oldest;
        synchronized (samples) {
            oldest = samples.peekFirst();
        }
        long now = System.currentTimeMillis();
        Map<String, Totals> current = totals();
        Map<String, Rates> out = new HashMap<>();
        double seconds = Math.max(1, now - oldest.atMs()) / 1000.0;
        current.forEach((id, t) -> {
            Totals before = oldest.byDeployment().getOrDefault(id, Totals.ZERO);
            long n = t.requests() - before.requests();
            long ttftN = t.ttftCount() - before.ttftCount();
            out.put(id, new Rates(n / seconds, n, t.errors() - before.errors(),
                    n > 0 ? (t.latencyMs() - before.latencyMs()) / n : null,
                    ttftN > 0 ? (t.ttftMs() - before.ttftMs()) / ttftN : null));
        });
        return out;
    }

    private Map<String, Totals> totals() {
        Map<String, Totals> out = new HashMap<>();
        for (Meter m : metrics.registry().getMeters()) {
            String deployment = m.getId().getTag("deployment");
            if (deployment == null) continue;
            Totals t = out.getOrDefault(deployment, Totals.ZERO);
            switch (m.getId().getName()) {
                case "baton.request.duration" -> t = new Totals(t.requests() + ((Timer) m).count(), t.errors(),
                        t.latencyMs() + ((Timer) m).totalTime(TimeUnit.MILLISECONDS), t.ttftCount(), t.ttftMs());
                case "baton.time.to.first.token" -> t = new Totals(t.requests(), t.errors(), t.latencyMs(),
                        t.ttftCount() + ((Timer) m).count(), t.ttftMs() + ((Timer) m).totalTime(TimeUnit.MILLISECONDS));
                case "baton.requests" -> {
                    if (!"200".equals(m.getId().getTag("status"))) {
                        t = new Totals(t.requests(), t.errors() + (long) ((Counter) m).count(), t.latencyMs(), t.ttftCount(), t.ttftMs());
                    }
                }
                default -> {
                }
            }
            out.put(deployment, t);
        }
        return out;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
