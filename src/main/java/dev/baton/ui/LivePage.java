package dev.baton.ui;

import dev.baton.routing.strategy.RoutingStrategy;
import dev.baton.routing.strategy.Strategies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each chain with its deployments' states and figures, the routing strategy with a form to switch it, and the latest
 * switches. The page carries the first snapshot, so it renders without waiting for the event stream; `live.js` draws
 * it and every update, with each card's Cool down and Recover forms.
 */
final class LivePage {
    /** What each strategy ranks first, for the switch form (docs/routing.md has the whole story). */
    private static final Map<String, String> RANKS_FIRST = Map.of(
            "priority", "the deployment listed first",
            "simple-shuffle", "a random one, drawn by weight",
            "least-busy", "the fewest requests in flight",
            "usage-based-routing", "the most of its rate-limit window left",
            "latency-based-routing", "the fastest typical answer",
            "cost-based-routing", "the cheapest per token",
            "intelligent", "the best score of headroom, reliability, speed and price");

    private LivePage() {
    }

    /** @param notice what an action just changed, as HTML; null for none */
    static String render(UiSessions.Session session, String snapshot, String strategy, String notice) {
        String body = (notice == null ? "" : notice)
                + "<section class=\"panel\" id=\"routing\"><h2>Routing</h2><p>Strategy: <strong id=\"strategy\">" + Html.esc(strategy)
                + "</strong>. Each request tries its group's deployments by <code>order</code>, equal orders ranked by the strategy, "
                + "passing over those cooling down or near their rate limit, then the group's fallbacks.</p>"
                + strategyForm(session, strategy) + "</section>"
                + "<p class=\"status\">Live: <span id=\"live-status\">connecting</span> · updated <span id=\"live-time\"></span> · "
                + "rates over the last minute; router figures are moving averages</p>"
                + "<div id=\"groups\"></div>"
                + "<section class=\"panel\"><h2>Latest switches</h2><table id=\"switches\"><thead><tr><th>Time (UTC)</th><th>Session</th>"
                + "<th>Group</th><th>From</th><th>To</th><th>Why</th></tr></thead><tbody></tbody></table></section>"
                + Html.jsonBlock("live-data", snapshot);
        return Html.page("Live", "live", session, body, "live.js");
    }

    /** Every strategy once, by its own name, with the other names it answers to and what it ranks first. */
    private static String strategyForm(UiSessions.Session session, String current) {
        Map<RoutingStrategy, List<String>> aliases = new LinkedHashMap<>();
        for (String name : Strategies.names()) {
            RoutingStrategy s = Strategies.named(name).orElseThrow();
            List<String> other = aliases.computeIfAbsent(s, k -> new ArrayList<>());
            if (!name.equals(s.name())) other.add(name);
        }
        StringBuilder b = new StringBuilder("<form method=\"post\" action=\"/ui/routing/strategy\" id=\"strategy-form\" class=\"filters\">")
                .append(Html.csrf(session)).append("<label>Switch to <select name=\"strategy\" id=\"strategy-select\">");
        aliases.forEach((s, names) -> {
            b.append("<option value=\"").append(Html.esc(s.name())).append('"').append(s.name().equals(current) ? " selected" : "").append('>')
                    .append(Html.esc(s.name()));
            if (!names.isEmpty()) b.append(" (").append(Html.esc(String.join(", ", names))).append(')');
            String first = RANKS_FIRST.get(s.name());
            if (first != null) b.append(": ").append(Html.esc(first));
            b.append("</option>");
        });
        return b.append("</select></label><button type=\"submit\" id=\"switch-strategy\">Switch</button>")
                .append("<span class=\"hint\">on this instance, until it restarts</span></form>").toString();
    }
}
