package dev.baton.usage;

import dev.baton.canonical.Usage;
import dev.baton.catalog.ModelCatalog;
import dev.baton.catalog.ModelInfo;
import dev.baton.config.Deployment;
import dev.baton.dialect.CallerBody;
import dev.baton.metrics.BatonMetrics;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.GroupResolver;
import dev.baton.state.StateStore;
import dev.baton.store.UsageStore;
import dev.baton.store.VirtualKey;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The accounting side of a running gateway: prices, the batched usage writer, key limits, cost alerts and metrics.
 * {@link #start} opens a request's {@link RequestMeter} (checking the key's limits first); the meter does the rest.
 */
public final class Metering implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    private final ModelCatalog catalog;
    private final UsageStore store;
    private final UsageRecorder recorder;
    private final Limits limits;
    private final BatonMetrics metrics;
    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();
    private final java.util.List<java.util.function.Consumer<dev.baton.store.UsageRecord>> finished = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param catalog the gateway's model catalog (its `baton.pricing_file` included), for prices and output limits */
    public Metering(UsageSettings settings, ModelCatalog catalog, UsageStore store, StateStore state, BatonMetrics metrics,
                    AlertSink alerts, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.metrics = metrics;
        this.recorder = new UsageRecorder(store, settings.dataDir(), settings.queueSize(), settings.batchSize(), settings.flushInterval());
        this.limits = new Limits(state, store, clock);
        CostAlerts costAlerts = new CostAlerts(state, alerts, settings.hourlyAlertUsd(), settings.dailyAlertUsd());
        if (costAlerts.enabled()) recorder.afterWrite(costAlerts);
        metrics.writer(recorder, UsageRecorder::queueDepth, UsageRecorder::dropped, UsageRecorder::written, UsageRecorder::lostInPreviousRuns);
        LOG.info("usage records go to {}", store.database());
    }

    /** Hears every request's record as it is finished (on the request's thread: keep it quick). */
    public void onFinished(java.util.function.Consumer<dev.baton.store.UsageRecord> listener) {
        finished.add(listener);
    }

    void finished(dev.baton.store.UsageRecord r) {
        for (var listener : finished) listener.accept(r);
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** What the deployment's model costs; a model without prices is named in a warning once, since it counts as free. */
    public ModelInfo price(Deployment d, String upstreamModel) {
        ModelInfo info = catalog.of(d, upstreamModel);
        if (!info.known() && unpriced.size() < 1000 && unpriced.add(info.model())) {
            LOG.warn("no price for model '{}' ({}): its requests count as free; add it to baton.pricing_file "
                    + "or set input_cost_per_token / output_cost_per_token on the deployment", info.model(), d.id());
        }
        return info;
    }

    public UsageStore store() {
        return store;
    }

    public UsageRecorder recorder() {
        return recorder;
    }

    public Limits limits() {
        return limits;
    }

    public BatonMetrics metrics() {
        return metrics;
    }

    /**
     * Opens a request's account, admitting it under its key's limits first (throws {@link LimitExceeded}).
     *
     * @param key    the caller's virtual key, or null (master key, open gateway): no limits
     * @param master the caller presented the master key: its usage is recorded as the master key's
     * @param chain the deployments the request may be routed to, for its worst-case cost
     * @param body  the caller's request, for its input estimate and `max_tokens`
     */
    public RequestMeter start(long startNanos, VirtualKey key, boolean master, String session, GroupResolver.Resolution resolution,
                              List<FallbackEngine.Candidate> chain, CallerBody body, boolean stream) {
        String requested = resolution.requested();
        String group = resolution.group().name();
        Limits.Reservation reservation = null;
        if (key != null) {
            List<String> names = resolution.allowListNames();
            boolean estimate = key.maxBudget() != null || key.tpmLimit() != null;
            long input = estimate ? body.inputTokens() : 0;
            long maxTokens = asLong(body.field("max_tokens"), asLong(body.field("max_completion_tokens"), 0)); // Anthropic, OpenAI
            try {
                reservation = limits.admit(key, names, input, () -> worstCase(chain, input, maxTokens));
            } catch (LimitExceeded e) {
                metrics.refused(e.kind().name().toLowerCase(java.util.Locale.ROOT));
                throw e;
            }
        }
        return new RequestMeter(this, startNanos, key, master, session, requested, group, stream, reservation);
    }

    private static long asLong(JsonNode n, long otherwise) {
        return n == null ? otherwise : n.asLong(otherwise);
    }

    /** The most the request can cost: all input priced as 1-hour cache writes, the full max_tokens of output, dearest deployment. */
    long worstCase(List<FallbackEngine.Candidate> chain, long input, long maxTokens) {
        long worst = 0;
        for (FallbackEngine.Candidate c : chain) {
            ModelInfo info = price(c.deployment(), c.upstreamModel());
            long out = info.maxOutputTokens() == null ? maxTokens : Math.min(maxTokens, info.maxOutputTokens());
            worst = Math.max(worst, Cost.nanos(Cost.usd(new Usage(0, out, 0, 0, input), info)));
        }
        return worst;
    }

    @Override
    public void close() {
        recorder.close();
    }
}
