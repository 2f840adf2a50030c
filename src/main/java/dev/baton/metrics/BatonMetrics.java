package dev.baton.metrics;

import dev.baton.canonical.Usage;
import dev.baton.config.Deployment;
import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.HealthRegistry;
import dev.baton.routing.SwitchEvent;
import dev.baton.store.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The gateway's Prometheus metrics (Micrometer), served at `GET /metrics`. Every name is listed in docs/metrics.md.
 * Recording is lock-free counter and histogram updates, cheap enough for the request thread.
 */
public final class BatonMetrics {
    private static final Duration[] LATENCY_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600);
    private static final Duration[] OVERHEAD_BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100)};
    private static final Pattern RETRY_HINT = Pattern.compile(", retry after .*$");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DoubleAdder cacheRead = new DoubleAdder();
    private final DoubleAdder allInput = new DoubleAdder();

    public BatonMetrics() {
        Gauge.builder("baton.cache.hit.ratio", this, m -> {
                    double all = m.allInput.sum();
                    return all == 0 ? 0 : m.cacheRead.sum() / all;
                })
                .description("Share of input tokens read from the providers' prompt caches since start (field notes 38)")
                .register(registry);
    }

    /** One finished request, as the usage record tells it. */
    public void request(UsageRecord r, long overheadNanos) {
        String group = r.modelGroup() == null ? "-" : r.modelGroup();
        String deployment = r.deployment() == null ? "-" : r.deployment();
        Counter.builder("baton.requests").description("Requests by model group, serving deployment and status")
                .tags("group", group, "deployment", deployment, "status", Integer.toString(r.status())).register(registry).increment();
        Timer.builder("baton.request.duration").description("Time from request to the end of the answer")
                .serviceLevelObjectives(LATENCY_BUCKETS).tags("group", group, "deployment", deployment).register(registry)
                .record(r.latencyMs(), TimeUnit.MILLISECONDS);
        if (r.ttftMs() != null) {
            Timer.builder("baton.time.to.first.token").description("Time from request to the first content event of a stream")
                    .serviceLevelObjectives(LATENCY_BUCKETS).tags("group", group, "deployment", deployment).register(registry)
                    .record(r.ttftMs(), TimeUnit.MILLISECONDS);
        }
        if (overheadNanos >= 0) {
            Timer.builder("baton.overhead").description("Time spent in Baton itself: until the answer started, minus upstream waits")
                    .serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry).record(overheadNanos, TimeUnit.NANOSECONDS);
        }
        Usage u = r.usage();
        if (u != null && r.deployment() != null) {
            tokens(group, deployment, "input", u.inputTokens());
            tokens(group, deployment, "output", u.outputTokens());
            tokens(group, deployment, "cache_read", u.cacheReadTokens());
            tokens(group, deployment, "cache_write_5m", u.cacheWrite5mTokens());
            tokens(group, deployment, "cache_write_1h", u.cacheWrite1hTokens());
            cacheRead.add(u.cacheReadTokens());
            allInput.add(u.totalInputTokens());
        }
        if (r.costUsd() > 0) {
            Counter.builder("baton.spend.usd").description("What the providers charge, by the price table, in USD")
                    .tags("group", group, "deployment", deployment, "provider", r.provider() == null ? "-" : r.provider())
                    .register(registry).increment(r.costUsd());
        }
    }

    private void tokens(String group, String deployment, String type, long n) {
        if (n == 0) return;
        Counter.builder("baton.tokens").description("Tokens by type").tags("group", group, "deployment", deployment, "type", type)
                .register(registry).increment(n);
    }

    /** A switch event: the request moved from one deployment to another. */
    public void fallback(SwitchEvent e) {
        String reason = e.reason() == null ? "-" : RETRY_HINT.matcher(e.reason()).replaceFirst("");
        Counter.builder("baton.fallbacks").description("Switches of a session from one deployment to another")
                .tags("group", e.group(), "from", String.valueOf(e.from()), "to", String.valueOf(e.to()), "reason", reason)
                .register(registry).increment();
    }

    /** A virtual key's limit refused a request (model, budget, rpm, tpm). */
    public void refused(String limit) {
        Counter.builder("baton.key.limit.refusals").description("Requests refused by a virtual key's limits")
                .tags("limit", limit).register(registry).increment();
    }

    /** 1 while the deployment (its own credential) is cooling down, else 0. */
    public void deployments(List<Deployment> deployments, HealthRegistry health) {
        for (Deployment d : deployments) {
            Gauge.builder("baton.deployment.cooling", health, h -> h.of(d).state(Instant.now()) == DeploymentHealth.State.COOLING ? 1 : 0)
                    .description("1 while the deployment is cooling down").tag("deployment", d.id()).register(registry);
        }
    }

    /** The usage writer's queue, drops, writes and the records a crashed earlier run lost. */
    public <T> void writer(T recorder, ToDoubleFunction<T> queueDepth, ToDoubleFunction<T> dropped, ToDoubleFunction<T> written,
                           ToDoubleFunction<T> lostAtStart) {
        Gauge.builder("baton.usage.queue.depth", recorder, queueDepth).description("Usage records waiting to be written").register(registry);
        FunctionCounter.builder("baton.usage.dropped", recorder, dropped).description("Usage records dropped (queue full or database failing)")
                .register(registry);
        FunctionCounter.builder("baton.usage.written", recorder, written).description("Usage records written").register(registry);
        Gauge.builder("baton.usage.lost.at.start", recorder, lostAtStart)
                .description("Usage records a crashed earlier run accepted but never wrote, counted at this start").register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private static Duration[] seconds(double... s) {
        Duration[] out = new Duration[s.length];
        for (int i = 0; i < s.length; i++) out[i] = Duration.ofMillis((long) (s[i] * 1000));
        return out;
    }
}
