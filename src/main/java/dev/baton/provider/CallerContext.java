package dev.baton.provider;

import java.util.Map;

/**
 * What the caller sent that an upstream may need: the protocol headers Baton forwards (lower-case names) and the
 * caller's own credentials, present only when they are meant for the upstream rather than for Baton.
 *
 * @param forwardedHeaders `anthropic-version`, `anthropic-beta`, `user-agent`, ... as the caller sent them
 * @param apiKey           the caller's `x-api-key`, or null
 * @param authorization    the caller's `Authorization` header (e.g. `Bearer sk-ant-oat…`), or null
 */
public record CallerContext(Map<String, String> forwardedHeaders, String apiKey, String authorization) {

    public static final CallerContext NONE = new CallerContext(Map.of(), null, null);

    public boolean hasCredentials() {
        return apiKey != null || authorization != null;
    }

    public String header(String lowerCaseName) {
        return forwardedHeaders.get(lowerCaseName);
    }

    @Override
    public String toString() { // never print credentials
        return "CallerContext" + forwardedHeaders.keySet() + (hasCredentials() ? "+credentials" : "");
    }
}
