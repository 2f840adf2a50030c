package dev.baton.provider;

import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.catalog.ModelCatalog;
import dev.baton.catalog.ModelInfo;
import dev.baton.config.Deployment;
import dev.baton.config.Secret;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.Json;
import dev.baton.dialect.SharedValues;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.ToolCallMemory;
import dev.baton.dialect.ToolIds;
import dev.baton.dialect.Wire;
import dev.baton.dialect.openai.OpenAiFailures;
import dev.baton.dialect.openai.OpenAiRequestEncoder;
import dev.baton.dialect.openai.OpenAiResponseDecoder;
import dev.baton.dialect.openai.OpenAiStreamDecoder;
import dev.baton.dialect.openai.ToolArguments;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * `openai/<model>` and the OpenAI-compatible vendors LiteLLM users name by prefix (`deepseek/`, `openrouter/`,
 * `github/`, `groq/`, `mistral/`, `xai/`, `together_ai/`, `ollama/`, `ollama_chat/`, `hosted_vllm/`, `lm_studio/`):
 * Chat Completions at the vendor's base URL. Same-dialect bodies pass through with `model` rewritten and the vendor's
 * quirks applied; other dialects are translated from the canonical request. Either way {@link OpenAiBodyRules} makes
 * the body fit the vendor ({@link OpenAiVendor}) and the model (its limits and capabilities, from the {@link ModelCatalog}).
 */
public final class OpenAiUpstream implements Upstream {
    private final Deployment deployment;
    private final HttpTransport transport;
    private final OpenAiVendor vendor;
    private final ModelCatalog catalog;
    private final URI endpoint;
    private final Secret envKey;
    private final ToolCallMemory memory;
    private final ToolIds ids;

    public OpenAiUpstream(Deployment deployment, HttpTransport transport, ModelCatalog catalog) {
        this(deployment, transport, catalog, System::getenv, ToolCallMemory.shared(), ToolIds.shared());
    }

    public OpenAiUpstream(Deployment deployment, HttpTransport transport, ModelCatalog catalog, Function<String, String> env,
                          ToolCallMemory memory, ToolIds ids) {
        this.deployment = deployment;
        this.transport = transport;
        this.catalog = catalog;
        this.vendor = OpenAiVendor.forProvider(deployment.provider(), deployment.apiBase());
        String base = deployment.apiBase() != null ? deployment.apiBase() : vendor.defaultBase();
        if (base == null) {
            throw new IllegalArgumentException("deployment " + deployment.id() + ": provider '" + deployment.provider()
                    + "' needs api_base (the server's URL, e.g. http://127.0.0.1:8000/v1)");
        }
        this.endpoint = URI.create(normalizeBase(base) + "/chat/completions");
        this.envKey = keyFromEnvironment(env);
        this.memory = memory;
        this.ids = ids;
    }

    @Override
    public Wire wire() {
        return Wire.OPENAI;
    }

    @Override
    public UpstreamResponse open(UpstreamRequest request) throws FailureException {
        if (request.endpoint() != Endpoint.MESSAGES) {
            throw new FailureException(new Failure.Misconfigured(404, "Chat Completions servers have no count_tokens endpoint"));
        }
        ModelInfo model = catalog.of(deployment, request.model());
        OpenAiVendor v = vendor.forModel(model);
        CallerBody caller = request.body();
        boolean passthrough = caller.wire() == Wire.OPENAI && caller.raw() != null;
        ObjectNode body;
        Integer requested;
        if (passthrough) {
            // the caller's tree is shared by every attempt, and its values with other requests: the body rules replace
            // top-level fields, and copy a message before they change it
            body = SharedValues.topLevelCopy(caller.raw());
            JsonNode given = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
            requested = given != null && given.isIntegralNumber() ? given.asInt() : null;
        } else {
            ChatRequest canonical = caller.canonical();
            body = OpenAiRequestEncoder.encode(canonical, v.cacheControl());
            requested = canonical.maxTokens();
        }
        if (request.stream()) body.put("stream", true);
        else body.remove("stream");
        Integer maxTokens = OutputLimit.clamp(requested, model, caller);
        // Translated streams, and streams asked for in place of a whole answer, ask for the usage chunk; a same-dialect
        // streaming caller's own choice is kept.
        boolean callerStreams = caller.field("stream") != null && caller.field("stream").asBoolean(false);
        OpenAiBodyRules.adapt(body, v, request.model(), maxTokens, !passthrough || !callerStreams, memory, ids);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (request.stream()) headers.put("accept", "text/event-stream");
        String authorization = authorization(request.caller());
        if (authorization != null) headers.put("authorization", authorization);
        return transport.post(endpoint, headers, OutgoingBody.json(body), request.stream(), request.timeouts());
    }

    @Override
    public Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        return OpenAiFailures.classify(status, headers, body, now);
    }

    @Override
    public ChatResponse decode(byte[] body, UpstreamRequest request) throws FailureException {
        return OpenAiResponseDecoder.decode(body, vendor.name(), arguments(request), memory);
    }

    @Override
    public StreamDecoder streamDecoder(UpstreamRequest request) {
        return new OpenAiStreamDecoder(vendor.name(), arguments(request), memory);
    }

    private static ToolArguments arguments(UpstreamRequest request) {
        return ToolArguments.of(request.body().canonical().tools());
    }

    /** The deployment's key, the caller's own credentials for `api_key: passthrough`, else the vendor's environment variable. */
    private String authorization(CallerContext caller) throws FailureException {
        Secret key = deployment.apiKey();
        if (key != null && key.isPassthrough()) {
            if (caller.authorization() != null) return caller.authorization();
            if (caller.apiKey() != null) return "Bearer " + caller.apiKey();
            throw new FailureException(new Failure.Misconfigured(401,
                    "deployment " + deployment.id() + " passes the caller's credentials through, and the caller sent none"));
        }
        if (key == null) key = envKey;
        return key == null ? null : "Bearer " + key.reveal(); // local servers need none; others answer 401 (Misconfigured)
    }

    private Secret keyFromEnvironment(Function<String, String> env) {
        for (String name : vendor.keyEnv()) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) return Secret.of(value.strip());
        }
        return null;
    }

    /** `https://host` → `https://host/v1`; a trailing slash or a full `/chat/completions` URL is trimmed. */
    static String normalizeBase(String base) {
        String b = base.strip();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        if (b.endsWith("/chat/completions")) b = b.substring(0, b.length() - "/chat/completions".length());
        String path = URI.create(b).getPath();
        if (path == null || path.isEmpty()) b += "/v1";
        return b;
    }

    @Override
    public String toString() {
        return "openai(" + vendor.name() + " " + endpoint + ")";
    }
}
