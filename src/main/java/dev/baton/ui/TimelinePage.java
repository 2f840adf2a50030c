package dev.baton.ui;

import dev.baton.routing.SwitchEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Each session's switches from one deployment to another since the gateway started, oldest first. */
final class TimelinePage {
    private TimelinePage() {
    }

    static String render(UiSessions.Session session, Map<String, List<SwitchEvent>> bySession) {
        StringBuilder b = new StringBuilder();
        if (bySession.isEmpty()) b.append("<p id=\"no-switches\">No switch since Baton started: every session stayed on its first deployment.</p>");
        for (Map.Entry<String, List<SwitchEvent>> e : bySession.entrySet()) {
            String s = e.getKey();
            b.append("<section class=\"panel session\" data-session=\"").append(Html.esc(s)).append("\"><h2>Session <code>")
                    .append(Html.esc(s)).append("</code> <a class=\"small\" href=\"/ui/requests?session=")
                    .append(URLEncoder.encode(s, StandardCharsets.UTF_8)).append("\">its requests</a></h2><ol class=\"timeline\">");
            for (SwitchEvent ev : e.getValue()) {
                b.append("<li class=\"switch\"><time>").append(Html.time(ev.time())).append("</time> <span class=\"group\">")
                        .append(Html.esc(ev.group())).append("</span> <span class=\"from\">").append(Html.esc(ev.from()))
                        .append("</span> → <span class=\"to\">").append(Html.esc(ev.to())).append("</span> <span class=\"model\">(")
                        .append(Html.esc(ev.toModel())).append(")</span> <span class=\"reason\">").append(Html.esc(ev.reason()))
                        .append("</span></li>");
            }
            b.append("</ol></section>");
        }
        return Html.page("Timeline", "timeline", session, b.toString());
    }
}
