package dev.baton.server;

import dev.baton.dialect.Json;
import dev.baton.store.SpendGrouping;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Metering;
import dev.baton.usage.Periods;
import dev.baton.usage.SpendReport;
import dev.baton.usage.UsageRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * `GET /stats?by=model|provider|key|session|day&since=7d`: the same report as `baton spend --json`, plus the usage
 * writer's state. The master key (or an open gateway) sees everything; a virtual key sees its own requests.
 */
final class StatsEndpoint {
    private final Gateway gateway;

    StatsEndpoint(Gateway gateway) {
        this.gateway = gateway;
    }

    byte[] render(String query, Caller caller) {
        String byText = KeyEndpoints.query(query, "by").orElse("model");
        SpendGrouping by;
        try {
            by = SpendGrouping.valueOf(byText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HttpErrors.BadRequest(400, "by: one of model, provider, key, session, day");
        }
        Duration since;
        try {
            since = Periods.require(KeyEndpoints.query(query, "since").orElse("7d"), "since");
        } catch (IllegalArgumentException e) {
            throw new HttpErrors.BadRequest(400, e.getMessage());
        }
        Map<String, String> labels = new HashMap<>();
        for (VirtualKey k : gateway.keys().list()) labels.put(k.keyHash(), k.label());
        Metering m = gateway.metering();
        String onlyKey = caller.key() != null ? caller.key().keyHash() : null;
        ObjectNode out = SpendReport.query(m.store(), by, since, onlyKey, labels, Instant.now()).json();
        UsageRecorder w = m.recorder();
        out.putObject("usage_writer").put("queue_depth", w.queueDepth()).put("dropped", w.dropped()).put("written", w.written())
                .put("lost_in_previous_runs", w.lostInPreviousRuns());
        return Json.MAPPER.writeValueAsBytes(out);
    }
}
