package dev.baton.ui;

import dev.baton.keys.IssuedKey;
import dev.baton.keys.KeySpec;
import dev.baton.keys.VirtualKeys;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Limits;
import dev.baton.usage.Periods;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Virtual keys as LiteLLM's UI has them: the list, a form to make one (shown once), and revoking with a confirm step. */
final class KeysPage {
    private KeysPage() {
    }

    /** @param notice an error or the key just made, as HTML; null for none */
    static String render(UiSessions.Session session, VirtualKeys keys, Limits limits, String notice) {
        StringBuilder b = new StringBuilder(notice == null ? "" : notice);
        b.append("<section class=\"panel\"><h2>New key</h2><form method=\"post\" action=\"/ui/keys/create\" class=\"filters\" id=\"create-key\">")
                .append(Html.csrf(session))
                .append(input("alias", "Alias", "text", "ci-bot")).append(input("models", "Models", "text", "claude-sonnet, claude-*"))
                .append(input("max_budget", "Budget USD", "number", "25")).append(input("budget_duration", "Budget resets every", "text", "30d"))
                .append(input("rpm", "rpm", "number", "")).append(input("tpm", "tpm", "number", ""))
                .append(input("duration", "Expires after", "text", "90d"))
                .append("<button type=\"submit\" id=\"create\">Create key</button></form></section>");
        Instant now = Instant.now();
        b.append("<table id=\"keys\"><thead><tr><th>Alias</th><th>Key</th><th>Models</th><th>Spend</th><th>Budget</th><th>rpm</th><th>tpm</th>")
                .append("<th>Expires</th><th>Created</th><th>Status</th><th></th></tr></thead><tbody>");
        for (VirtualKey k : keys.list()) {
            boolean active = k.active(now);
            b.append("<tr data-alias=\"").append(Html.esc(k.alias())).append("\" class=\"").append(active ? "active" : "inactive").append("\"><td>")
                    .append(Html.esc(k.alias() == null ? "-" : k.alias())).append("</td><td><code>").append(Html.esc(k.keyName())).append("</code></td><td>")
                    .append(Html.esc(k.models().isEmpty() ? "all" : String.join(", ", k.models()))).append("</td><td>")
                    .append(Html.usd(limits.currentSpend(k))).append("</td><td>")
                    .append(k.maxBudget() == null ? "-" : Html.usd(k.maxBudget()) + (k.budgetDuration() == null ? "" : " / " + Html.esc(k.budgetDuration())))
                    .append("</td><td>").append(k.rpmLimit() == null ? "-" : k.rpmLimit()).append("</td><td>")
                    .append(k.tpmLimit() == null ? "-" : k.tpmLimit()).append("</td><td>").append(k.expiresAt() == null ? "never" : Html.time(k.expiresAt()))
                    .append("</td><td>").append(Html.time(k.createdAt())).append("</td><td class=\"status\">")
                    .append(k.revokedAt() != null ? "revoked" : active ? "active" : "expired").append("</td><td>");
            if (k.revokedAt() == null) {
                b.append("<form method=\"post\" action=\"/ui/keys/revoke\" class=\"inline\">").append(Html.csrf(session))
                        .append("<input type=\"hidden\" name=\"token\" value=\"").append(Html.esc(k.keyHash()))
                        .append("\"><button type=\"submit\" class=\"rollback\">Revoke</button></form>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
        return Html.page("Keys", "keys", session, b.toString());
    }

    /** Makes the key the form describes and shows it; it is never shown again. */
    static String create(UiSessions.Session session, UiExchange ex, VirtualKeys keys, Limits limits) {
        IssuedKey issued;
        try {
            List<String> models = ex.form("models") == null ? List.of()
                    : Arrays.stream(ex.form("models").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            Duration validFor = ex.form("duration") == null ? null : Periods.require(ex.form("duration"), "expires after");
            issued = keys.create(new KeySpec(ex.form("alias"), models, number(ex.form("max_budget"), "budget"), ex.form("budget_duration"),
                    integer(ex.form("rpm"), "rpm"), integer(ex.form("tpm"), "tpm"), validFor, null));
        } catch (IllegalArgumentException e) {
            return render(session, keys, limits, "<p class=\"error\" id=\"key-error\">" + Html.esc(e.getMessage()) + "</p>");
        }
        String shown = "<section class=\"panel notice\" id=\"new-key-panel\"><h2>Key " + Html.esc(issued.stored().label())
                + " created</h2><p>Copy it now: Baton keeps only its hash and will not show it again.</p><p><code id=\"new-key\">"
                + Html.esc(issued.key()) + "</code></p></section>";
        return render(session, keys, limits, shown);
    }

    /** First POST: which key and what revoking means; second (with `confirm`): revoked. */
    static String revoke(UiSessions.Session session, UiExchange ex, VirtualKeys keys, Limits limits) {
        String token = ex.form("token");
        VirtualKey k = token == null ? null : keys.find(token).orElse(null);
        if (k == null) throw new UiExchange.Refused(404, "no such key");
        if (ex.form("confirm") == null) {
            String body = "<p id=\"confirm-text\">Revoke <code>" + Html.esc(k.keyName()) + "</code> (" + Html.esc(k.label())
                    + ")? Requests with it are refused from now on; this cannot be undone.</p>"
                    + "<form method=\"post\" action=\"/ui/keys/revoke\" class=\"confirm\">" + Html.csrf(session)
                    + "<input type=\"hidden\" name=\"token\" value=\"" + Html.esc(k.keyHash()) + "\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                    + "<button type=\"submit\" id=\"confirm\" class=\"rollback\">Confirm revoke</button> <a href=\"/ui/keys\" id=\"cancel\">Cancel</a></form>";
            return Html.page("Revoke " + k.label() + "?", "keys", session, body);
        }
        keys.revoke(k);
        return render(session, keys, limits, "<p class=\"notice\" id=\"revoked\">Revoked " + Html.esc(k.label()) + ".</p>");
    }

    private static String input(String name, String label, String type, String placeholder) {
        return "<label>" + label + " <input name=\"" + name + "\" id=\"key-" + name + "\" type=\"" + type + "\"" + (type.equals("number") ? " min=\"0\" step=\"any\"" : "")
                + " placeholder=\"" + Html.esc(placeholder) + "\"></label>";
    }

    private static Double number(String v, String what) {
        if (v == null) return null;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not a number: " + v);
        }
    }

    private static Integer integer(String v, String what) {
        if (v == null) return null;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not a whole number: " + v);
        }
    }
}
