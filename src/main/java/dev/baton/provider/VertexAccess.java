package dev.baton.provider;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
import dev.baton.provider.google.AccessTokens;
import dev.baton.provider.google.GoogleCredentials;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where and as whom a {@code vertex_ai/} deployment talks to Vertex AI, from LiteLLM's keys: {@code vertex_project},
 * {@code vertex_location} and {@code vertex_credentials} (a file path or the JSON itself), else the environment's
 * {@code VERTEXAI_PROJECT}, {@code VERTEXAI_LOCATION} and {@code GOOGLE_APPLICATION_CREDENTIALS}, else the project
 * named in the credentials and {@code us-central1}. Regional hosts are {@code {location}-aiplatform.googleapis.com},
 * the {@code global} location's is {@code aiplatform.googleapis.com}; {@code api_base} replaces either.
 *
 * <p>Resolved at the first request, not at startup, so a broken credentials file makes this deployment fail over
 * ({@link Failure.Misconfigured}) instead of stopping the gateway.
 */
final class VertexAccess {
    static final String DEFAULT_LOCATION = "us-central1";

    private record Resolved(String base, String project, String location, AccessTokens tokens) {
    }

    private final Deployment deployment;
    private final HttpTransport transport;
    private final Map<String, String> env;
    private final Clock clock;
    private final ReentrantLock resolving = new ReentrantLock();
    private volatile Resolved resolved;

    VertexAccess(Deployment deployment, HttpTransport transport, Map<String, String> env, Clock clock) {
        this.deployment = deployment;
        this.transport = transport;
        this.env = env;
        this.clock = clock;
    }

    /** {@code {base}/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}}. */
    URI modelUri(String publisher, String model, String method) throws FailureException {
        Resolved r = resolved();
        return URI.create(r.base + "/v1/projects/" + r.project + "/locations/" + r.location + "/publishers/" + publisher
                + "/models/" + model + ":" + method);
    }

    String bearer() throws FailureException {
        return "Bearer " + resolved().tokens.token();
    }

    private Resolved resolved() throws FailureException {
        Resolved r = resolved;
        if (r != null) return r;
        resolving.lock();
        try {
            if (resolved == null) resolved = resolve();
            return resolved;
        } finally {
            resolving.unlock();
        }
    }

    private Resolved resolve() throws FailureException {
        String source = param("vertex_credentials", "vertex_ai_credentials");
        if (source == null) source = env.get("GOOGLE_APPLICATION_CREDENTIALS");
        if (source == null || source.isBlank()) {
            throw misconfigured("has no credentials: set vertex_credentials or GOOGLE_APPLICATION_CREDENTIALS");
        }
        GoogleCredentials credentials;
        try {
            credentials = GoogleCredentials.parse(source);
        } catch (IllegalArgumentException e) {
            throw misconfigured("credentials: " + e.getMessage());
        }
        String project = first(param("vertex_project", "vertex_ai_project"), env.get("VERTEXAI_PROJECT"),
                env.get("GOOGLE_CLOUD_PROJECT"), credentials.projectId());
        if (project == null) throw misconfigured("has no project: set vertex_project or VERTEXAI_PROJECT");
        String location = first(param("vertex_location", "vertex_ai_location"), env.get("VERTEXAI_LOCATION"), DEFAULT_LOCATION);
        String base = deployment.apiBase() != null ? GeminiWireUpstream.stripSlashes(deployment.apiBase())
                : location.equals("global") ? "https://aiplatform.googleapis.com" : "https://" + location + "-aiplatform.googleapis.com";
        return new Resolved(base, project, location, new AccessTokens(credentials, transport, clock));
    }

    /** A litellm_param as text; an inline YAML mapping (credentials written out in the config) as its JSON. */
    private String param(String... names) {
        for (String name : names) {
            Object v = deployment.params().get(name);
            if (v instanceof Map<?, ?> m) return Json.MAPPER.writeValueAsString(m);
            if (v != null && !String.valueOf(v).isBlank()) return String.valueOf(v).strip();
        }
        return null;
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.strip();
        return null;
    }

    private FailureException misconfigured(String what) {
        return new FailureException(new Failure.Misconfigured(401, "Vertex AI deployment " + deployment.id() + " " + what));
    }
}
