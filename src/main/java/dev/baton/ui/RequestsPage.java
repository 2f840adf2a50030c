package dev.baton.ui;

import dev.baton.canonical.Usage;
import dev.baton.store.UsageFilter;
import dev.baton.store.UsageRecord;
import dev.baton.store.UsageStore;
import dev.baton.usage.Periods;
import java.time.Duration;
import java.util.List;

/** The latest requests, filterable, each with its path through the deployments (its fallback story). */
final class RequestsPage {
    static final int LIMIT = 200;
    private static final String[] SINCE = {"15m", "1h", "24h", "7d", "30d"};

    private RequestsPage() {
    }

    static UsageFilter filter(UiExchange ex) {
        String since = ex.query("since");
        Duration window;
        try {
            window = since == null ? null : Periods.require(since, "since");
        } catch (IllegalArgumentException e) {
            throw new UiExchange.Refused(400, e.getMessage());
        }
        return new UsageFilter(ex.query("model"), ex.query("deployment"), ex.query("key"), ex.query("session"),
                ex.query("errors") != null, ex.query("fallbacks") != null,
                window == null ? 0 : System.currentTimeMillis() - window.toMillis());
    }

    static String render(UiSessions.Session session, UiExchange ex, UsageStore store) {
        UsageFilter f = filter(ex);
        List<UsageRecord> rows = store.recent(f, LIMIT);
        StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/ui/requests\" class=\"filters\" id=\"filters\">");
        field(b, "model", "Model", ex.query("model"));
        field(b, "deployment", "Deployment", ex.query("deployment"));
        field(b, "key", "Key alias", ex.query("key"));
        field(b, "session", "Session", ex.query("session"));
        b.append("<label>Since <select name=\"since\"><option value=\"\">any time</option>");
        for (String s : SINCE) {
            b.append("<option").append(s.equals(ex.query("since")) ? " selected" : "").append('>').append(s).append("</option>");
        }
        b.append("</select></label>");
        check(b, "errors", "errors only", ex.query("errors") != null);
        check(b, "fallbacks", "fell back", ex.query("fallbacks") != null);
        b.append("<button type=\"submit\">Filter</button> <a href=\"/ui/requests\">clear</a></form>");
        b.append("<p class=\"status\">").append(rows.size()).append(rows.size() == LIMIT ? " (the newest " + LIMIT + ")" : "")
                .append(" requests, newest first</p>");
        b.append("<table id=\"requests\"><thead><tr><th>Time (UTC)</th><th>Key</th><th>Session</th><th>Model asked</th>"
                + "<th>Served by</th><th>Attempts</th><th>Status</th><th>Tokens in/out</th><th>Cost</th><th>Latency</th><th>TTFT</th>"
                + "<th>Path</th></tr></thead><tbody>");
        for (UsageRecord r : rows) {
            Usage u = r.usage() == null ? Usage.ZERO : r.usage();
            b.append("<tr class=\"").append(r.status() == 200 ? "ok" : "failed").append(r.attempts() > 1 ? " fell-back" : "").append("\">")
                    .append(td(Html.time(r.atMs()))).append(td(r.keyAlias() == null ? "-" : r.keyAlias())).append(td(r.session()))
                    .append(td(r.requestedModel())).append(td(r.deployment() == null ? "-" : r.deployment()))
                    .append(td(Integer.toString(r.attempts()))).append(td(Integer.toString(r.status())))
                    .append(td(u.totalInputTokens() + " / " + u.outputTokens())).append(td(Html.usd(r.costUsd())))
                    .append(td(r.latencyMs() + " ms")).append(td(r.ttftMs() == null ? "-" : r.ttftMs() + " ms"))
                    .append("<td class=\"path\">").append(path(r.attemptPath())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return Html.page("Requests", "requests", session, b.toString());
    }

    /** `a: rate limited (429) > b: ok` as one step per deployment. */
    private static String path(String attemptPath) {
        if (attemptPath == null || attemptPath.isEmpty()) return "";
        StringBuilder b = new StringBuilder("<ol class=\"attempts\">");
        for (String step : attemptPath.split(" > ")) {
            b.append("<li class=\"").append(step.endsWith(": ok") ? "ok" : "failed").append("\">").append(Html.esc(step)).append("</li>");
        }
        return b.append("</ol>").toString();
    }

    private static String td(String s) {
        return "<td>" + Html.esc(s) + "</td>";
    }

    private static void field(StringBuilder b, String name, String label, String value) {
        b.append("<label>").append(label).append(" <input name=\"").append(name).append("\" value=\"").append(Html.esc(value))
                .append("\"></label>");
    }

    private static void check(StringBuilder b, String name, String label, boolean on) {
        b.append("<label><input type=\"checkbox\" name=\"").append(name).append("\" value=\"1\"").append(on ? " checked" : "")
                .append("> ").append(label).append("</label>");
    }
}
