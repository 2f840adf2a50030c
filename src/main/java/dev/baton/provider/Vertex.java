package dev.baton.provider;

import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.dialect.ToolCallMemory;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** {@code vertex_ai/<model>}: Claude models speak Anthropic's wire on Vertex, every other model Gemini's. */
final class Vertex {
    private Vertex() {
    }

    static Upstream forDeployment(Deployment d, HttpTransport transport, ModelCatalog catalog) {
        return forDeployment(d, transport, catalog, System.getenv(), Clock.systemUTC());
    }

    static Upstream forDeployment(Deployment d, HttpTransport transport, ModelCatalog catalog, Map<String, String> env, Clock clock) {
        VertexAccess access = new VertexAccess(d, transport, env, clock);
        return d.model().toLowerCase(Locale.ROOT).startsWith("claude")
                ? new VertexClaudeUpstream(d, transport, access)
                : new VertexGeminiUpstream(d, transport, catalog, access, ToolCallMemory.shared());
    }
}
