package dev.baton.provider;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.config.Secret;
import dev.baton.dialect.ToolCallMemory;
import java.net.URI;
import java.util.Map;

/**
 * {@code gemini/<model>}: Google AI Studio's Gemini API, {@code POST {base}/v1beta/models/{model}:generateContent}
 * and {@code :streamGenerateContent?alt=sse}, the key in {@code x-goog-api-key}. The key is the deployment's
 * {@code api_key}, else {@code GEMINI_API_KEY}, else {@code GOOGLE_API_KEY}, as LiteLLM reads them.
 */
public final class GeminiUpstream extends GeminiWireUpstream {
    public static final String DEFAULT_BASE = "https://generativelanguage.googleapis.com";

    private final String base;
    private final Secret key;

    public GeminiUpstream(Deployment deployment, HttpTransport transport, ModelCatalog catalog) {
        this(deployment, transport, catalog, System.getenv(), ToolCallMemory.shared());
    }

    GeminiUpstream(Deployment deployment, HttpTransport transport, ModelCatalog catalog, Map<String, String> env, ToolCallMemory memory) {
        super(deployment, transport, catalog, memory);
        String b = stripSlashes(deployment.apiBase() == null ? DEFAULT_BASE : deployment.apiBase());
        if (b.endsWith("/v1beta")) b = b.substring(0, b.length() - "/v1beta".length()); // LiteLLM users often add it
        this.base = b;
        this.key = deployment.apiKey() != null ? deployment.apiKey() : envKey(env);
    }

    private static Secret envKey(Map<String, String> env) {
        for (String name : new String[] {"GEMINI_API_KEY", "GOOGLE_API_KEY"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) return Secret.of(v.strip());
        }
        return null;
    }

    @Override
    protected URI uri(String model, boolean stream) {
        return URI.create(base + "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    }

    @Override
    protected void authenticate(Map<String, String> headers, CallerContext caller) throws FailureException {
        if (key == null) {
            throw new FailureException(new Failure.Misconfigured(401, "deployment " + deployment.id()
                    + " has no Gemini API key (api_key, GEMINI_API_KEY or GOOGLE_API_KEY)"));
        }
        if (!key.isPassthrough()) {
            headers.put("x-goog-api-key", key.reveal());
        } else if (caller.apiKey() != null) { // the caller's own Google key, sent as x-api-key
            headers.put("x-goog-api-key", caller.apiKey());
        } else {
            throw new FailureException(new Failure.Misconfigured(401, "deployment " + deployment.id()
                    + " passes the caller's key through, and the caller sent none"));
        }
    }

    @Override
    public String toString() {
        return "gemini(" + base + ")";
    }
}
