package dev.baton.ui;

/** The login form, and the page that says why the dashboard is off. */
final class LoginPage {
    private LoginPage() {
    }

    /** @param token the login form's CSRF token (also in the `baton_ui_login` cookie); {@code error} may be null */
    static String form(String token, String error) {
        String body = (error == null ? "" : "<p class=\"error\" id=\"login-error\">" + Html.esc(error) + "</p>")
                + "<form method=\"post\" action=\"/ui/login\" class=\"login\" id=\"login-form\">"
                + "<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.esc(token) + "\">"
                + "<label>Username <input name=\"username\" id=\"username\" autocomplete=\"username\" required autofocus></label>"
                + "<label>Password <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\" id=\"login\">Log in</button></form>"
                + "<p class=\"hint\">UI_USERNAME and UI_PASSWORD from Baton's environment, or the username <code>admin</code> "
                + "with the master key as password.</p>";
        return Html.page("Log in", null, null, body);
    }

    static String disabled() {
        String body = "<p id=\"ui-disabled\">The dashboard is off: no login is configured, and an open gateway has no secret to tell "
                + "you from anyone else who can reach this port.</p><p>Set <code>UI_USERNAME</code> and <code>UI_PASSWORD</code> "
                + "in Baton's environment, or a master key (<code>general_settings.master_key</code> or <code>BATON_MASTER_KEY</code>; "
                + "then log in as <code>admin</code> with the master key), and restart <code>baton serve</code>.</p>";
        return Html.page("Dashboard off", null, null, body);
    }
}
