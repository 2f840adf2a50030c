package dev.baton.provider;

import dev.baton.canonical.FailureException;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.dialect.ToolCallMemory;
import java.net.URI;
import java.util.Map;

/** {@code vertex_ai/gemini-…}: Gemini on Vertex AI, the same wire as AI Studio under Google's publisher path. */
final class VertexGeminiUpstream extends GeminiWireUpstream {
    private final VertexAccess access;

    VertexGeminiUpstream(Deployment deployment, HttpTransport transport, ModelCatalog catalog, VertexAccess access, ToolCallMemory memory) {
        super(deployment, transport, catalog, memory);
        this.access = access;
    }

    @Override
    protected URI uri(String model, boolean stream) throws FailureException {
        return access.modelUri("google", model, stream ? "streamGenerateContent?alt=sse" : "generateContent");
    }

    @Override
    protected void authenticate(Map<String, String> headers, CallerContext caller) throws FailureException {
        headers.put("authorization", access.bearer());
    }

    @Override
    public String toString() {
        return "vertex_ai(gemini " + deployment.model() + ")";
    }
}
