package dev.baton.ui;

import dev.baton.review.Segment;
import dev.baton.review.SegmentDiff;
import dev.baton.review.SegmentReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/** `baton review --analyze` and `--diff` in the browser: each model's segments, with Accept and Roll back buttons. */
final class JournalPage {
    /** A diff larger than this is cut; `baton review --diff` shows all of it. */
    private static final int MAX_DIFF_BYTES = 2 << 20;

    private JournalPage() {
    }

    static String render(UiSessions.Session session, ReviewRepo repo) throws IOException {
        String off = repo.unavailable();
        if (off != null) return Html.page("Journal", "journal", session, "<p id=\"journal-off\">" + Html.esc(off) + "</p>");
        List<SegmentReport> rows;
        try (Repository r = repo.open()) {
            rows = repo.reports(r);
        }
        StringBuilder b = new StringBuilder("<p class=\"status\">Repository <code>").append(Html.esc(repo.where())).append("</code></p>");
        if (rows.isEmpty()) b.append("<p id=\"no-segments\">No journal tags yet: no model switch has been recorded here.</p>");
        Map<String, List<SegmentReport>> byModel = new LinkedHashMap<>();
        for (SegmentReport r : rows) byModel.computeIfAbsent(r.segment().model(), k -> new ArrayList<>()).add(r);
        byModel.forEach((model, segs) -> {
            b.append("<section class=\"panel model\" data-model=\"").append(Html.esc(model)).append("\"><h2>").append(Html.esc(model))
                    .append(" <a class=\"small\" href=\"/ui/journal/diff?tag=").append(url(model)).append("\">diff</a> ")
                    .append(action("accept", model, "Accept all", session)).append(action("rollback", model, "Roll back all", session))
                    .append("</h2><table class=\"segments\"><thead><tr><th>Segment</th><th>From (UTC)</th><th>To (UTC)</th><th>Commits</th>")
                    .append("<th>Files</th><th>Lines</th><th>Verify</th><th>Tokens</th><th>Cost</th><th>Session</th><th></th></tr></thead><tbody>");
            for (SegmentReport r : segs) row(b, r, session);
            b.append("</tbody></table></section>");
        });
        return Html.page("Journal", "journal", session, b.toString());
    }

    private static void row(StringBuilder b, SegmentReport r, UiSessions.Session session) {
        Segment s = r.segment();
        b.append("<tr data-tag=\"").append(Html.esc(s.tagName())).append("\"><td><code>").append(Html.esc(s.tagName())).append("</code>")
                .append(s.accepted() ? " <span class=\"badge serving\">accepted</span>" : "").append("<div class=\"reason\">")
                .append(Html.esc(s.reason())).append("</div></td><td>").append(Html.time(s.from())).append("</td><td>")
                .append(s.open() ? "(open)" : Html.time(s.to())).append("</td><td>").append(r.stats().commits().size()).append("</td><td>")
                .append(r.stats().files()).append("</td><td><span class=\"add\">+").append(r.stats().added()).append("</span> <span class=\"del\">-")
                .append(r.stats().removed()).append("</span></td><td>").append(verify(r)).append("</td><td>")
                .append(r.usage() == null ? "-" : Long.toString(r.usage().tokens())).append("</td><td>")
                .append(r.usage() == null || r.usage().costUsd() == null ? "-" : Html.usd(r.usage().costUsd().doubleValue()))
                .append("</td><td>").append(Html.esc(s.session())).append("</td><td class=\"actions\"><a href=\"/ui/journal/diff?tag=")
                .append(url(s.tagName())).append("\">diff</a> ");
        if (!s.accepted()) b.append(action("accept", s.tagName(), "Accept", session)).append(action("rollback", s.tagName(), "Roll back", session));
        b.append("</td></tr>");
    }

    private static String verify(SegmentReport r) {
        if (r.verify() == null) return "-";
        return r.verify().passed() ? "<span class=\"badge serving\">pass</span>"
                : "<span class=\"badge cooling\" title=\"" + Html.esc(r.verify().output()) + "\">fail (exit " + r.verify().exit() + ")</span>";
    }

    /** A button that asks to confirm first: the POST without `confirm` shows what would happen. */
    static String action(String verb, String target, String label, UiSessions.Session session) {
        return "<form method=\"post\" action=\"/ui/journal/" + verb + "\" class=\"inline\">" + Html.csrf(session)
                + "<input type=\"hidden\" name=\"target\" value=\"" + Html.esc(target) + "\"><button type=\"submit\" class=\"" + verb
                + "\">" + label + "</button></form>";
    }

    static String diff(UiSessions.Session session, ReviewRepo repo, String target) throws IOException {
        if (target == null) throw new UiExchange.Refused(400, "tag: which model or segment to show");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Repository r = repo.open()) {
            List<Segment> mine = ReviewActions.segments(repo, r, target, false);
            SegmentDiff.write(r, mine, out);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        boolean cut = text.length() > MAX_DIFF_BYTES;
        if (cut) text = text.substring(0, MAX_DIFF_BYTES);
        StringBuilder b = new StringBuilder("<p><a href=\"/ui/journal\">← journal</a></p><pre class=\"diff\" id=\"diff\">");
        for (String line : text.split("\n", -1)) {
            String cls = line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ") || line.startsWith("# ") ? "file"
                    : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : null;
            b.append(cls == null ? "" : "<span class=\"" + cls + "\">").append(Html.esc(line)).append(cls == null ? "" : "</span>").append('\n');
        }
        b.append("</pre>");
        if (cut) b.append("<p>Cut at 2 MB: <code>baton review --diff ").append(Html.esc(target)).append("</code> shows all of it.</p>");
        return Html.page("Diff of " + target, "journal", session, b.toString());
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
