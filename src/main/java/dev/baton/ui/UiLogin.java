package dev.baton.ui;

import dev.baton.config.Secret;
import java.util.Map;

/**
 * Who may log in to the dashboard, as LiteLLM's UI does it: `UI_USERNAME` and `UI_PASSWORD` from the environment,
 * or the username `admin` with the master key as password. With neither, the dashboard stays off: an open gateway
 * has no secret to tell its owner from anyone else who can reach the port.
 */
record UiLogin(String username, Secret password, Secret masterKey) {
    static final String MASTER_KEY_USER = "admin";

    static UiLogin from(Secret masterKey, Map<String, String> env) {
        String user = nonBlank(env.get("UI_USERNAME"));
        String pass = nonBlank(env.get("UI_PASSWORD"));
        boolean both = user != null && pass != null;
        return new UiLogin(both ? user : null, both ? Secret.of(pass) : null, masterKey);
    }

    boolean enabled() {
        return password != null || masterKey != null;
    }

    /** Whether the pair is UI_USERNAME/UI_PASSWORD or admin/master key; the secrets are compared in constant time. */
    boolean accepts(String user, String pass) {
        if (user == null || pass == null) return false;
        boolean ui = password != null && password.matches(pass) & Secret.of(username).matches(user);
        boolean master = masterKey != null && masterKey.matches(pass) & MASTER_KEY_USER.equals(user);
        return ui || master;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
