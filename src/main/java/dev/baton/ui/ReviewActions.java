package dev.baton.ui;

import dev.baton.review.Acceptance;
import dev.baton.review.Rollback;
import dev.baton.review.RollbackResult;
import dev.baton.review.Segment;
import dev.baton.review.SegmentStats;
import dev.baton.review.Segments;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Accept and Roll back from the journal page, through `baton review`'s own classes. Each takes two POSTs: the first
 * shows what would happen and asks to confirm, the second (with `confirm`) does it. One action at a time, so two
 * clicks cannot revert the same commits twice.
 */
final class ReviewActions {
    private static final Object GIT = new Object();

    private ReviewActions() {
    }

    /** The segments of a model or tag (for a rollback: those not accepted); 404 when the journal has none. */
    static List<Segment> segments(ReviewRepo repo, Repository r, String target, boolean forRollback) throws IOException {
        if (target == null) throw new UiExchange.Refused(400, "which model or segment: the target field is missing");
        List<Segment> all = repo.segments(r);
        List<Segment> found = Segments.ofModel(all, target);
        if (found.isEmpty()) throw new UiExchange.Refused(404, "no journal segments for '" + target + "'");
        return forRollback ? Segments.toRollBack(all, target) : found;
    }

    static String accept(UiSessions.Session session, ReviewRepo repo, String target, boolean confirmed) throws IOException, GitAPIException {
        synchronized (GIT) {
            try (Repository r = repo.open()) {
                List<Segment> mine = segments(repo, r, target, false);
                if (!confirmed) {
                    StringBuilder b = new StringBuilder("<p id=\"confirm-text\">Accept the work of <code>").append(Html.esc(target))
                            .append("</code>? Its tags become <code>accepted-*</code>; no file changes.</p><ul>");
                    for (Segment s : mine) b.append("<li><code>").append(Html.esc(s.tagName())).append("</code>").append(s.accepted() ? " (already accepted)" : "").append("</li>");
                    b.append("</ul>").append(confirmForm("accept", target, "Confirm accept", session));
                    return Html.page("Accept " + target + "?", "journal", session, b.toString());
                }
                List<String> renamed = Acceptance.accept(r, mine);
                StringBuilder b = new StringBuilder("<p id=\"result\">");
                if (renamed.isEmpty()) b.append(Html.esc(target)).append(": every segment is already accepted.");
                else b.append("Accepted ").append(renamed.size()).append(renamed.size() == 1 ? " segment" : " segments").append(": ");
                b.append(Html.esc(String.join(", ", renamed))).append("</p><p><a href=\"/ui/journal\">← journal</a></p>");
                return Html.page("Accepted", "journal", session, b.toString());
            }
        }
    }

    static String rollback(UiSessions.Session session, ReviewRepo repo, String target, boolean confirmed) throws IOException, GitAPIException {
        synchronized (GIT) {
            try (Repository r = repo.open()) {
                List<Segment> mine = segments(repo, r, target, true);
                if (mine.isEmpty()) {
                    return Html.page("Nothing to roll back", "journal", session, "<p id=\"result\">" + Html.esc(target)
                            + ": every segment is accepted; nothing to roll back.</p><p><a href=\"/ui/journal\">← journal</a></p>");
                }
                if (!confirmed) return confirmRollback(session, r, mine, target);
                return rolledBack(session, Rollback.revert(r, mine), target);
            }
        }
    }

    private static String confirmRollback(UiSessions.Session session, Repository r, List<Segment> mine, String target) throws IOException {
        StringBuilder b = new StringBuilder("<p id=\"confirm-text\">Roll back <code>").append(Html.esc(target)).append("</code>? Each of ")
                .append("these commits is reverted by a new commit, newest first; history is not rewritten, and a conflict leaves the ")
                .append("repository as it was.</p><ul class=\"commits\">");
        for (Segment s : mine) {
            for (RevCommit c : SegmentStats.of(r, s).commits()) {
                b.append("<li><code>").append(c.abbreviate(7).name()).append("</code> ").append(Html.esc(c.getShortMessage())).append("</li>");
            }
        }
        b.append("</ul>").append(confirmForm("rollback", target, "Confirm rollback", session));
        return Html.page("Roll back " + target + "?", "journal", session, b.toString());
    }

    private static String rolledBack(UiSessions.Session session, RollbackResult result, String target) {
        StringBuilder b = new StringBuilder();
        switch (result) {
            case RollbackResult.Reverted done -> {
                b.append("<p id=\"result\">Reverted ").append(done.reverted().size()).append(done.reverted().size() == 1 ? " commit" : " commits")
                        .append(" of ").append(Html.esc(target)).append(", newest first, each as a new commit. HEAD is now <code>")
                        .append(Html.esc(done.head())).append("</code>.</p><ul class=\"commits\">");
                done.reverted().forEach(c -> b.append("<li>").append(Html.esc(c)).append("</li>"));
                done.skipped().forEach(s -> b.append("<li>skipped: ").append(Html.esc(s)).append("</li>"));
                b.append("</ul>");
            }
            case RollbackResult.Nothing nothing -> b.append("<p id=\"result\">").append(Html.esc(target)).append(": ")
                    .append(Html.esc(nothing.message())).append("</p>");
            case RollbackResult.Refused refused -> b.append("<p id=\"result\" class=\"error\">Rollback refused: ")
                    .append(Html.esc(refused.message())).append("</p>");
            case RollbackResult.Conflict conflict -> {
                b.append("<p id=\"result\" class=\"error\">Rollback stopped: reverting <code>").append(conflict.commit(), 0, 7)
                        .append("</code> conflicts with later changes; the repository is exactly as it was.</p><ul>");
                conflict.files().forEach(f -> b.append("<li><code>").append(Html.esc(f)).append("</code></li>"));
                b.append("</ul><p>To resolve it by hand: <code>git revert ").append(Html.esc(String.join(" ", conflict.planned())))
                        .append("</code></p>");
            }
        }
        b.append("<p><a href=\"/ui/journal\">← journal</a></p>");
        return Html.page("Rollback of " + target, "journal", session, b.toString());
    }

    private static String confirmForm(String verb, String target, String label, UiSessions.Session session) {
        return "<form method=\"post\" action=\"/ui/journal/" + verb + "\" class=\"confirm\">" + Html.csrf(session)
                + "<input type=\"hidden\" name=\"target\" value=\"" + Html.esc(target) + "\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                + "<button type=\"submit\" id=\"confirm\" class=\"" + verb + "\">" + label + "</button> <a href=\"/ui/journal\" id=\"cancel\">Cancel</a></form>";
    }
}
