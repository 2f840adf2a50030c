package dev.baton.server;

import dev.baton.config.Secret;
import dev.baton.keys.VirtualKeys;
import dev.baton.provider.CallerContext;
import dev.baton.store.VirtualKey;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Checks the caller's key against the master key (constant time) and the virtual keys, and sorts out which of its
 * credentials are meant for Baton and which for the upstream. The key for Baton arrives as `x-baton-key` when the
 * caller's own `x-api-key` / `Authorization` are meant for the upstream (a Claude Pro/Max subscription passed
 * through), else as `x-api-key` or `Authorization: Bearer`. Without a master key the gateway is open and every
 * credential is the caller's, except a virtual key, which is Baton's and brings its limits along.
 *
 * <p>The master key administers and, as in LiteLLM, may send model traffic too, recorded in usage as the master
 * key's; `general_settings.allow_master_key_traffic: false` keeps it to administration, so that only virtual keys,
 * with their budgets, reach models (field notes 39).
 */
final class Auth {
    static final String BATON_KEY = "x-baton-key";
    /** Caller headers that describe the request; forwarded to upstreams that speak the same protocol. */
    private static final Set<String> PROTOCOL_HEADERS = Set.of("anthropic-version", "anthropic-beta", "user-agent", "x-app",
            "x-claude-code-session-id", "anthropic-dangerous-direct-browser-access");

    private final Secret masterKey;
    private final VirtualKeys keys;
    private final boolean masterKeyTraffic;

    /** @param allowMasterKeyTraffic as configured: false forbids the master key's model traffic, null (unset) allows it */
    Auth(Secret masterKey, VirtualKeys keys, Boolean allowMasterKeyTraffic) {
        this.masterKey = masterKey;
        this.keys = keys;
        this.masterKeyTraffic = !Boolean.FALSE.equals(allowMasterKeyTraffic);
    }

    /** Whether this caller may send model traffic (see the class comment); only the master key may be refused. */
    boolean mayRouteTraffic(Caller c) {
        return !c.admin() || masterKeyTraffic;
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
        String presented;
        String upstreamApiKey = apiKey;
        String upstreamAuthorization = authorization;
        if (batonKey != null) {
            presented = batonKey;
        } else if (apiKey != null) {
            presented = apiKey;
            upstreamApiKey = null;
        } else {
            presented = bearer(authorization);
            upstreamAuthorization = null;
        }
        boolean admin = masterKey != null && masterKey.matches(presented);
        VirtualKey key = admin || presented == null ? null : keys.authenticate(presented).orElse(null);
        if (admin || key != null) {
            CallerContext ctx = new CallerContext(forwarded, upstreamApiKey, upstreamAuthorization);
            return new Caller(ctx, Fingerprint.of(presented), ctx.hasCredentials() ? Fingerprint.of(upstreamApiKey, upstreamAuthorization) : null,
                    key, admin);
        }
        if (masterKey == null) { // open gateway: whatever the caller sent is its own, for the upstream
            CallerContext ctx = new CallerContext(forwarded, apiKey, authorization);
            String fp = ctx.hasCredentials() ? Fingerprint.of(apiKey, authorization) : null;
            return new Caller(ctx, fp, fp, null, false);
        }
        return null;
    }

    private static String bearer(String authorization) {
        if (authorization == null) return null;
        String a = authorization.strip();
        return a.toLowerCase(Locale.ROOT).startsWith("bearer ") ? a.substring(7).strip() : null;
    }
}
