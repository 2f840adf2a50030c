package dev.baton.server;

import dev.baton.config.Secret;
import dev.baton.provider.CallerContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Checks the caller's key against the master key (constant time) and sorts out which of its credentials are meant
 * for Baton and which for the upstream. The key for Baton arrives as `x-baton-key` when the caller's own
 * `x-api-key` / `Authorization` are meant for the upstream (a Claude Pro/Max subscription passed through), else as
 * `x-api-key` or `Authorization: Bearer`. Without a master key the gateway is open and every credential is the caller's.
 */
final class Auth {
    static final String BATON_KEY = "x-baton-key";
    /** Caller headers that describe the request; forwarded to upstreams that speak the same protocol. */
    private static final Set<String> PROTOCOL_HEADERS = Set.of("anthropic-version", "anthropic-beta", "user-agent", "x-app",
            "x-claude-code-session-id", "anthropic-dangerous-direct-browser-access");

    private final Secret masterKey;

    Auth(Secret masterKey) {
        this.masterKey = masterKey;
    }

    boolean open() {
        return masterKey == null;
    }

    /** The caller, or null when a master key is set and the caller did not present it. */
    Caller authenticate(HttpFields headers) {
        String batonKey = headers.get(BATON_KEY);
        String apiKey = headers.get("x-api-key");
        String authorization = headers.get("authorization");
        Map<String, String> forwarded = new HashMap<>();
        for (HttpField f : headers) {
            String name = f.getLowerCaseName();
            if (PROTOCOL_HEADERS.contains(name)) forwarded.merge(name, f.getValue(), (a, b) -> a + "," + b);
        }
        if (masterKey == null) {
            CallerContext ctx = new CallerContext(forwarded, apiKey, authorization);
            String fp = ctx.hasCredentials() ? Fingerprint.of(apiKey, authorization) : null;
            return new Caller(ctx, fp, fp);
        }
        String presented;
        if (batonKey != null) {
            presented = batonKey;
        } else if (apiKey != null) {
            presented = apiKey;
            apiKey = null;
        } else {
            presented = bearer(authorization);
            authorization = null;
        }
        if (!masterKey.matches(presented)) return null;
        CallerContext ctx = new CallerContext(forwarded, apiKey, authorization);
        return new Caller(ctx, Fingerprint.of(presented), ctx.hasCredentials() ? Fingerprint.of(apiKey, authorization) : null);
    }

    private static String bearer(String authorization) {
        if (authorization == null) return null;
        String a = authorization.strip();
        return a.toLowerCase(Locale.ROOT).startsWith("bearer ") ? a.substring(7).strip() : null;
    }
}
