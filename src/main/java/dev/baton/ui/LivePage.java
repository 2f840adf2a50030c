package dev.baton.ui;

/**
 * Each chain with its deployments' states and rates, the routing strategy, and the latest switches. The page carries
 * the first snapshot, so it renders without waiting for the event stream; `live.js` draws it and every update.
 */
final class LivePage {
    private LivePage() {
    }

    static String render(UiSessions.Session session, String snapshot) {
        String body = "<section class=\"panel\" id=\"routing\"><h2>Routing</h2><p>Strategy: <strong id=\"strategy\">"
                + Html.esc(DeploymentStates.STRATEGY) + "</strong>. Each request tries its group's deployments in order, "
                + "skipping those cooling down, then the group's fallbacks.</p></section>"
                + "<p class=\"status\">Live: <span id=\"live-status\">connecting</span> · updated <span id=\"live-time\"></span> · "
                + "rates over the last minute</p>"
                + "<div id=\"groups\"></div>"
                + "<section class=\"panel\"><h2>Latest switches</h2><table id=\"switches\"><thead><tr><th>Time (UTC)</th><th>Session</th>"
                + "<th>Group</th><th>From</th><th>To</th><th>Why</th></tr></thead><tbody></tbody></table></section>"
                + Html.jsonBlock("live-data", snapshot);
        return Html.page("Live", "live", session, body, "live.js");
    }
}
