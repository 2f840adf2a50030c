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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();
    private final Timer overhead = Timer.builder("baton.overhead")
            .description("Time spent in Baton itself: until the answer started, minus upstream waits")
            .serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry);

    public BatonMetrics() {
        Gauge.builder("baton.cache.hit.ratio", this, m -> {
                    double all = m.allInput.sum();
                    return all == 0 ? 0 : m.cacheRead.sum() / all;
                })
                .description("Share of input tokens read from the providers' prompt caches since start")
                .register(registry);
    }

    /** One finished request, as the usage record tells it. */
    public void request(UsageRecord r, long overheadNanos) {
        String group = r.modelGroup() == null ? "-" : r.modelGroup();
        String deployment = r.deployment() == null ? "-" : r.deployment();
        String provider = r.provider() == null ? "-" : r.provider();
        RouteMeters m = routes.computeIfAbsent(group + '\0' + deployment + '\0' + provider, k -> new RouteMeters(group, deployment, provider));
        m.requests(r.status()).increment();
        m.duration.record(r.latencyMs(), TimeUnit.MILLISECONDS);
        if (r.ttftMs() != null) m.ttft().record(r.ttftMs(), TimeUnit.MILLISECONDS);
        if (overheadNanos >= 0) overhead.record(overheadNanos, TimeUnit.NANOSECONDS);
        Usage u = r.usage();
        if (u != null && r.deployment() != null) {
            m.tokens(0, u.inputTokens());
            m.tokens(1, u.outputTokens());
            m.tokens(2, u.cacheReadTokens());
            m.tokens(3, u.cacheWrite5mTokens());
            m.tokens(4, u.cacheWrite1hTokens());
            cacheRead.add(u.cacheReadTokens());
            allInput.add(u.totalInputTokens());
        }
        if (r.costUsd() > 0) m.spend().increment(r.costUsd());
    }

    /**
     * The meters of one group, deployment and provider, looked up once: building and registering a meter per request
     * (tags sorted, ids hashed) cost more than recording into it. A meter is registered when first used, so a series
     * that never had a value does not appear.
     */
    private final class RouteMeters {
        private static final String[] TOKEN_TYPES = {"input", "output", "cache_read", "cache_write_5m", "cache_write_1h"};
        private final String group;
        private final String deployment;
        private final String provider;
        private final Timer duration;
        private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();
        private final Counter[] tokens = new Counter[TOKEN_TYPES.length];
        private volatile Timer ttft;
        private volatile Counter spend;

        RouteMeters(String group, String deployment, String provider) {
            this.group = group;
            this.deployment = deployment;
            this.provider = provider;
            this.duration = Timer.builder("baton.request.duration").description("Time from request to the end of the answer")
                    .serviceLevelObjectives(LATENCY_BUCKETS).tags("group", group, "deployment", deployment).register(registry);
        }

        Counter requests(int status) {
            return byStatus.computeIfAbsent(status, s -> Counter.builder("baton.requests")
                    .description("Requests by model group, serving deployment and status")
                    .tags("group", group, "deployment", deployment, "status", Integer.toString(s)).register(registry));
        }

        Timer ttft() {
            Timer t = ttft;
            if (t == null) {
                ttft = t = Timer.builder("baton.time.to.first.token").description("Time from request to the first content event of a stream")
                        .serviceLevelObjectives(LATENCY_BUCKETS).tags("group", group, "deployment", deployment).register(registry);
            }
            return t;
        }

        void tokens(int type, long n) {
            if (n == 0) return;
            Counter c = tokens[type];
            if (c == null) { // a race registers the same counter twice: the registry returns the existing one
                tokens[type] = c = Counter.builder("baton.tokens").description("Tokens by type")
                        .tags("group", group, "deployment", deployment, "type", TOKEN_TYPES[type]).register(registry);
            }
            c.increment(n);
        }

        Counter spend() {
            Counter c = spend;
            if (c == null) {
                spend = c = Counter.builder("baton.spend.usd").description("What the providers charge, by the price table, in USD")
                        .tags("group", group, "deployment", deployment, "provider", provider).register(registry);
            }
            return c;
        }
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
