package dev.baton.provider;

import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.ToolCallMemory;
import dev.baton.dialect.Wire;
import dev.baton.dialect.gemini.GeminiFailures;
import dev.baton.dialect.gemini.GeminiModel;
import dev.baton.dialect.gemini.GeminiRequestEncoder;
import dev.baton.dialect.gemini.GeminiResponseDecoder;
import dev.baton.dialect.gemini.GeminiStreamDecoder;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every upstream speaking Gemini's {@code generateContent} shares (Google AI Studio, Vertex AI): the canonical
 * request with its output limit clamped to the model's ({@link OutputLimit}, figures from the {@link ModelCatalog}) and
 * encoded, and answers, streams and errors read back. Subclasses say where and how to authenticate.
 */
abstract class GeminiWireUpstream implements Upstream {
    protected final Deployment deployment;
    protected final HttpTransport transport;
    private final ModelCatalog catalog;
    private final ToolCallMemory memory;

    GeminiWireUpstream(Deployment deployment, HttpTransport transport, ModelCatalog catalog, ToolCallMemory memory) {
        this.deployment = deployment;
        this.transport = transport;
        this.catalog = catalog;
        this.memory = memory;
    }

    @Override
    public final Wire wire() {
        return Wire.GEMINI;
    }

    @Override
    public UpstreamResponse open(UpstreamRequest request) throws FailureException {
        if (request.endpoint() == Endpoint.COUNT_TOKENS) { // countsTokens() is false: Baton estimates locally
            throw new FailureException(new Failure.Misconfigured(404, "Gemini deployments do not answer count_tokens"));
        }
        String model = modelId(request.model());
        ChatRequest canonical = request.body().canonical();
        Integer maxTokens = OutputLimit.clamp(canonical.maxTokens(), catalog.of(deployment, model), request.body());
        OutgoingBody body = OutgoingBody.json(new GeminiRequestEncoder(GeminiModel.forId(model), memory)
                .encode(canonical.withMaxTokens(maxTokens)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        authenticate(headers, request.caller());
        return transport.post(uri(model, request.stream()), headers, body, request.stream(), request.timeouts());
    }

    /** The endpoint for one model: {@code :generateContent}, or {@code :streamGenerateContent?alt=sse}. */
    protected abstract URI uri(String model, boolean stream) throws FailureException;

    protected abstract void authenticate(Map<String, String> headers, CallerContext caller) throws FailureException;

    @Override
    public Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        return GeminiFailures.classify(status, headers, body, now);
    }

    @Override
    public ChatResponse decode(byte[] body, UpstreamRequest request) throws FailureException {
        return GeminiResponseDecoder.decode(body, modelId(request.model()), memory);
    }

    @Override
    public StreamDecoder streamDecoder(UpstreamRequest request) {
        return new GeminiStreamDecoder(modelId(request.model()), memory);
    }

    /** Model ids as Google lists them ("models/gemini-2.5-pro") or bare. */
    static String modelId(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    static String stripSlashes(String base) {
        String b = base.strip();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        return b;
    }
}
