package dev.baton.ui;

import dev.baton.dialect.Json;
import dev.baton.store.SpendGrouping;
import dev.baton.store.SpendPoint;
import dev.baton.store.SpendRow;
import dev.baton.store.UsageStore;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Limits;
import dev.baton.usage.Periods;
import dev.baton.usage.SpendReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spend over time (per hour or day, by model, provider, key or session) as a uPlot chart, the same totals as
 * `baton spend`, each key's budget used, and this hour's and today's spend against the alert thresholds.
 */
final class SpendPage {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    /** More lines than this would not be read; the rest are summed as "other". */
    private static final int MAX_SERIES = 8;
    private static final int MAX_BUCKETS = 2000;
    private static final String[] BY = {"model", "provider", "key", "session"};

    private SpendPage() {
    }

    /** The alert thresholds in USD, each null when not set. */
    record Thresholds(Double hourlyUsd, Double dailyUsd) {
    }

    static String render(UiSessions.Session session, UiExchange ex, UsageStore store, List<VirtualKey> keys, Limits limits,
                         Thresholds alerts) {
        String byText = ex.query("by") == null ? "model" : ex.query("by");
        if (!List.of(BY).contains(byText)) throw new UiExchange.Refused(400, "by: one of model, provider, key, session");
        SpendGrouping by = SpendGrouping.valueOf(byText.toUpperCase(Locale.ROOT));
        boolean daily = "day".equals(ex.query("bucket"));
        Duration window;
        try {
            window = Periods.require(ex.query("since") == null ? (daily ? "30d" : "24h") : ex.query("since"), "since");
        } catch (IllegalArgumentException e) {
            throw new UiExchange.Refused(400, e.getMessage());
        }
        Instant now = Instant.now();
        Map<String, String> labels = new HashMap<>();
        for (VirtualKey k : keys) labels.put(k.keyHash(), k.label());
        long bucket = daily ? DAY_MS : HOUR_MS;
        long sinceMs = now.minus(window).toEpochMilli();
        List<SpendPoint> points = store.spendOverTime(by, bucket, sinceMs);
        SpendReport totals = SpendReport.query(store, by, window, null, labels, now);

        StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/ui/spend\" class=\"filters\" id=\"spend-form\"><label>By <select name=\"by\">");
        for (String s : BY) b.append("<option").append(s.equals(byText) ? " selected" : "").append('>').append(s).append("</option>");
        b.append("</select></label><label>Per <select name=\"bucket\"><option value=\"hour\">hour</option><option value=\"day\"")
                .append(daily ? " selected" : "").append(">day</option></select></label><label>Since <input name=\"since\" size=\"5\" value=\"")
                .append(Html.esc(ex.query("since") == null ? "" : ex.query("since"))).append("\" placeholder=\"")
                .append(daily ? "30d" : "24h").append("\"></label><button type=\"submit\">Show</button></form>");
        b.append("<section class=\"panel\"><h2>Spend per ").append(daily ? "day" : "hour").append(" by ").append(byText)
                .append(" (USD)</h2><div id=\"spend-chart\"></div>")
                .append(Html.jsonBlock("spend-data", chartJson(points, by, labels, sinceMs, now.toEpochMilli(), bucket))).append("</section>");
        b.append("<section class=\"panel\"><h2>Totals since ").append(Html.time(totals.since())).append("</h2><table id=\"spend-totals\">")
                .append("<thead><tr><th>").append(byText).append("</th><th>Requests</th><th>Input</th><th>Output</th><th>Cache read</th>")
                .append("<th>Cache write</th><th>Cost</th></tr></thead><tbody>");
        for (SpendRow r : totals.rows()) {
            b.append("<tr><td>").append(Html.esc(r.name())).append("</td><td>").append(r.requests()).append("</td><td>").append(r.inputTokens())
                    .append("</td><td>").append(r.outputTokens()).append("</td><td>").append(r.cacheReadTokens()).append("</td><td>")
                    .append(r.cacheWriteTokens()).append("</td><td>").append(Html.usd(r.costUsd())).append("</td></tr>");
        }
        b.append("<tr class=\"total\"><td>total</td><td>").append(totals.requests()).append("</td><td></td><td></td><td></td><td></td><td>")
                .append(Html.usd(totals.totalUsd())).append("</td></tr></tbody></table></section>");
        budgets(b, keys, limits, now);
        alerts(b, store, alerts, now);
        return Html.page("Spend", "spend", session, b.toString(), "uPlot.min.css", "uPlot.iife.min.js", "spend.js");
    }

    /**
     * {"x": [epoch seconds], "series": [{"name", "values"}]}: one line per name, zero where it spent nothing; every
     * bucket of the window is on the time axis (up to {@link #MAX_BUCKETS}), so quiet hours show as quiet.
     */
    static String chartJson(List<SpendPoint> points, SpendGrouping by, Map<String, String> keyLabels, long sinceMs, long nowMs, long bucketMs) {
        TreeSet<Long> buckets = new TreeSet<>();
        if ((nowMs - sinceMs) / bucketMs <= MAX_BUCKETS) {
            for (long b = sinceMs - sinceMs % bucketMs; b <= nowMs; b += bucketMs) buckets.add(b);
        }
        Map<String, Double> cost = new HashMap<>();
        for (SpendPoint p : points) {
            buckets.add(p.bucketStartMs());
            cost.merge(name(p, by, keyLabels), p.costUsd(), Double::sum);
        }
        List<String> names = new ArrayList<>(cost.keySet());
        names.sort((a, c) -> Double.compare(cost.get(c), cost.get(a)));
        List<Long> xs = new ArrayList<>(buckets);
        Map<Long, Integer> column = new HashMap<>();
        for (int i = 0; i < xs.size(); i++) column.put(xs.get(i), i);
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String n : names.subList(0, Math.min(MAX_SERIES, names.size()))) series.put(n, new double[xs.size()]);
        for (SpendPoint p : points) {
            String n = name(p, by, keyLabels);
            double[] values = series.computeIfAbsent(series.containsKey(n) ? n : "other", k -> new double[xs.size()]);
            values[column.get(p.bucketStartMs())] += p.costUsd();
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode x = root.putArray("x");
        xs.forEach(ms -> x.add(ms / 1000));
        ArrayNode out = root.putArray("series");
        series.forEach((n, values) -> {
            ObjectNode s = out.addObject().put("name", n);
            ArrayNode v = s.putArray("values");
            for (double d : values) v.add(Math.round(d * 1e6) / 1e6);
        });
        return Json.MAPPER.writeValueAsString(root);
    }

    private static String name(SpendPoint p, SpendGrouping by, Map<String, String> keyLabels) {
        if (by != SpendGrouping.KEY) return p.name();
        return p.name().equals("-") ? "(master key / open)" : keyLabels.getOrDefault(p.name(), p.name().substring(0, Math.min(12, p.name().length())));
    }

    private static void budgets(StringBuilder b, List<VirtualKey> keys, Limits limits, Instant now) {
        b.append("<section class=\"panel\"><h2>Key budgets</h2>");
        List<VirtualKey> budgeted = keys.stream().filter(k -> k.maxBudget() != null && k.active(now)).toList();
        if (budgeted.isEmpty()) {
            b.append("<p>No active key has a budget.</p></section>");
            return;
        }
        b.append("<table id=\"budgets\"><thead><tr><th>Key</th><th>Used</th><th>Budget</th><th></th><th>Resets</th></tr></thead><tbody>");
        for (VirtualKey k : budgeted) {
            double spent = limits.currentSpend(k);
            Long reset = limits.periodEnd(k);
            b.append("<tr><td>").append(Html.esc(k.label())).append("</td><td>").append(Html.usd(spent)).append("</td><td>")
                    .append(Html.usd(k.maxBudget())).append("</td><td>").append(meter(spent, k.maxBudget())).append("</td><td>")
                    .append(reset == null ? "never" : Html.time(reset)).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
    }

    private static void alerts(StringBuilder b, UsageStore store, Thresholds alerts, Instant now) {
        long ms = now.toEpochMilli();
        double hour = store.costSince(null, ms - ms % HOUR_MS);
        double day = store.costSince(null, ms - ms % DAY_MS);
        b.append("<section class=\"panel\" id=\"alerts\"><h2>Alert thresholds</h2><table><thead><tr><th>Window</th><th>Spent</th>"
                + "<th>Threshold</th><th></th></tr></thead><tbody>");
        alert(b, "this hour", hour, alerts.hourlyUsd(), "HOURLY_COST_ALERT_THRESHOLD");
        alert(b, "today (UTC)", day, alerts.dailyUsd(), "DAILY_COST_ALERT_THRESHOLD");
        b.append("</tbody></table></section>");
    }

    private static void alert(StringBuilder b, String window, double spent, Double threshold, String variable) {
        b.append("<tr><td>").append(window).append("</td><td>").append(Html.usd(spent)).append("</td><td>")
                .append(threshold == null ? "not set (" + variable + ")" : Html.usd(threshold)).append("</td><td>")
                .append(threshold == null ? "" : meter(spent, threshold)).append("</td></tr>");
    }

    private static String meter(double value, double max) {
        return String.format(Locale.ROOT, "<meter min=\"0\" max=\"%s\" high=\"%s\" value=\"%s\"></meter>", max, max * 0.8, Math.min(value, max));
    }
}
