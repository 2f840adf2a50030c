package dev.baton.ui;

import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live view's data: every chain with its deployments' states, rates over the last minute and routing figures
 * (the admin API's view of each), the strategy in force, and the latest switches, as one JSON snapshot; served
 * inside the page (first paint) and then once a second over server-sent events. A stream ends after
 * {@link #STREAM_LIFETIME} (the browser's EventSource reconnects by itself), so no connection lives forever.
 */
final class LiveFeed {
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);
    private static final long INTERVAL_MS = 1000;

    private final DeploymentStates states;
    private final LiveSampler sampler;
    private final SwitchLog switches;
    private volatile boolean closed;

    LiveFeed(DeploymentStates states, LiveSampler sampler, SwitchLog switches) {
        this.states = states;
        this.sampler = sampler;
        this.switches = switches;
    }

    String snapshot() {
        Map<String, LiveSampler.Rates> rates = sampler.rates();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("time", Instant.now().toString());
        root.put("strategy", states.strategy());
        root.put("rate_limit_threshold", states.rateLimitThreshold());
        ArrayNode groups = root.putArray("groups");
        for (DeploymentStates.GroupChain g : states.chains()) {
            ObjectNode go = groups.addObject();
            go.put("name", g.group());
            ArrayNode chain = go.putArray("chain");
            for (DeploymentStates.DeploymentState d : g.chain()) {
                LiveSampler.Rates r = rates.getOrDefault(d.id(), LiveSampler.Rates.NONE);
                ObjectNode o = chain.addObject();
                o.put("id", d.id());
                o.put("group", d.group());
                o.put("state", d.state());
                o.put("rps", Math.round(r.perSecond() * 100) / 100.0);
                o.put("requests", r.requests());
                o.put("errors", r.errors());
                putMillis(o, "latency_ms", r.latencyMs());
                putMillis(o, "ttft_ms", r.ttftMs());
                o.set("routing", d.view().toJson()); // exactly what GET /admin/deployments says of it
            }
        }
        ArrayNode recent = root.putArray("switches");
        for (SwitchEvent e : switches.latest(10)) {
            recent.addObject().put("time", e.time().toString()).put("session", e.session()).put("group", e.group())
                    .put("from", e.from()).put("to", e.to()).put("reason", e.reason());
        }
        return Json.MAPPER.writeValueAsString(root);
    }

    private static void putMillis(ObjectNode o, String field, Double ms) {
        if (ms == null) o.putNull(field);
        else o.put(field, Math.round(ms));
    }

    /**
     * Writes a snapshot a second until the lifetime ends or the dashboard stops; when the browser goes, the failed
     * write's {@link java.io.UncheckedIOException} ends it.
     */
    void stream(UiExchange ex) {
        ex.beginEvents();
        long end = System.currentTimeMillis() + STREAM_LIFETIME.toMillis();
        try {
            ex.write(false, "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            while (!closed && System.currentTimeMillis() < end) {
                ex.write(false, ("data: " + snapshot() + "\n\n").getBytes(StandardCharsets.UTF_8));
                Thread.sleep(INTERVAL_MS);
            }
            ex.write(true, new byte[0]);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        closed = true;
    }
}
