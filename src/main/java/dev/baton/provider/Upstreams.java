package dev.baton.provider;

import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;

/** Picks the wire protocol for a deployment's provider prefix. */
public final class Upstreams {
    private Upstreams() {
    }

    /** With Baton's own model catalog (`baton config check`, tests). */
    public static Upstream forDeployment(Deployment d, HttpTransport transport) {
        return forDeployment(d, transport, ModelCatalog.defaults());
    }

    /** @param catalog what the models take (output limits, capabilities), the gateway's `baton.pricing_file` included */
    public static Upstream forDeployment(Deployment d, HttpTransport transport, ModelCatalog catalog) {
        return switch (d.provider()) {
            case "anthropic" -> new AnthropicUpstream(d, transport);
            case "mock" -> new MockUpstream(d);
            case "openai", "openrouter", "deepseek", "github", "groq", "mistral", "xai", "together_ai", "ollama", "ollama_chat",
                 "hosted_vllm", "lm_studio" -> new OpenAiUpstream(d, transport, catalog);
            case "gemini" -> new GeminiUpstream(d, transport, catalog);
            case "vertex_ai" -> Vertex.forDeployment(d, transport, catalog);
            default -> throw new UnsupportedProviderException(d);
        };
    }

    /** A provider prefix this build cannot speak yet. */
    public static final class UnsupportedProviderException extends RuntimeException {
        public UnsupportedProviderException(Deployment d) {
            super("deployment " + d.id() + (d.line() > 0 ? " (line " + d.line() + ")" : "") + ": provider '" + d.provider()
                    + "' is not supported yet; supported: anthropic/<model> (Anthropic and Anthropic-compatible endpoints), gemini/<model>, vertex_ai/<model>, mock/<model>");
        }
    }
}
