package dev.baton.provider;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
import dev.baton.dialect.SharedValues;
import dev.baton.dialect.anthropic.AnthropicRequestEncoder;
import dev.baton.dialect.gemini.GeminiFailures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vertex_ai/claude-…}: Claude on Vertex AI, Anthropic's Messages wire at
 * {@code publishers/anthropic/models/{model}:rawPredict} (or {@code :streamRawPredict}). The model is in the URL, not
 * the body, which instead names {@code "anthropic_version": "vertex-2023-10-16"}; the version header is not sent.
 * Vertex accepts only some beta flags and rejects the rest with "Unexpected value(s)" (field notes 19), so flags and
 * the body fields they gate go through {@link AnthropicBodyRules} with Vertex's list.
 */
final class VertexClaudeUpstream extends AnthropicWireUpstream {
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    /** Betas Vertex is known to take (prefixes); structured outputs, effort, web search and prompt-caching-scope it refuses. */
    static final AnthropicVendor VERTEX = new AnthropicVendor("vertex", false, Set.of("interleaved-thinking-", "context-1m-",
            "fine-grained-tool-streaming-", "token-efficient-tools-", "output-128k-", "context-management-"), false, true, false, true);
    private static final String ONE_MILLION_SUFFIX = "[1m]";
    private static final String ONE_MILLION_BETA = "context-1m-2025-08-07";

    private final Deployment deployment;
    private final HttpTransport transport;
    private final VertexAccess access;

    VertexClaudeUpstream(Deployment deployment, HttpTransport transport, VertexAccess access) {
        this.deployment = deployment;
        this.transport = transport;
        this.access = access;
    }

    @Override
    public boolean countsTokens() {
        return false;
    }

    @Override
    public UpstreamResponse open(UpstreamRequest request) throws FailureException {
        if (request.endpoint() == Endpoint.COUNT_TOKENS) {
            throw new FailureException(new Failure.Misconfigured(404, "Vertex AI Claude deployments do not answer count_tokens"));
        }
        List<String> betas = AnthropicBodyRules.allowedBetas(request.caller().header("anthropic-beta"), VERTEX);
        String model = request.model();
        if (model.endsWith(ONE_MILLION_SUFFIX)) { // Claude Code's "[1m]" means the 1M-context beta
            model = model.substring(0, model.length() - ONE_MILLION_SUFFIX.length());
            if (!betas.contains(ONE_MILLION_BETA)) betas.add(ONE_MILLION_BETA);
        }
        ObjectNode original = AnthropicRequestEncoder.bodyFor(request.body());
        ObjectNode body = AnthropicBodyRules.adapt(original, VERTEX, betas);
        if (body == request.body().raw()) body = SharedValues.topLevelCopy(body); // shared by every attempt: top-level changes only
        body.remove("model");
        body.put("anthropic_version", ANTHROPIC_VERSION);
        if (request.stream()) body.put("stream", true);
        else body.remove("stream");

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("authorization", access.bearer());
        if (!betas.isEmpty()) headers.put("anthropic-beta", String.join(",", betas));
        return transport.post(access.modelUri("anthropic", model, request.stream() ? "streamRawPredict" : "rawPredict"),
                headers, OutgoingBody.json(body), request.stream(), request.timeouts());
    }

    /** Claude's own errors come in Anthropic's shape; Vertex's (quota, auth, unknown model) in Google's. */
    @Override
    public Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        return googleShaped(body) ? GeminiFailures.classify(status, headers, body, now) : super.classify(status, headers, body, now);
    }

    private static boolean googleShaped(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root.isArray() && !root.isEmpty()) root = root.get(0);
            return root.path("error").path("status").isString();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "vertex_ai(claude " + deployment.model() + ")";
    }
}
