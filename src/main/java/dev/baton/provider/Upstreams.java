package dev.baton.provider;

import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.config.ProviderPrefixes;

/** Picks the wire protocol for a deployment's provider prefix. */
public final class Upstreams {
    private Upstreams() {
    }

    /** With Baton's own model catalog (`baton config check`, tests). */
    public static Upstream forDeployment(Deployment d, HttpTransport transport) {
        return forDeployment(d, transport, ModelCatalog.defaults());
    }

    /**
     * The upstream for a deployment's provider prefix, from the one table the config check uses too.
     *
     * @param catalog what the models take (output limits, capabilities), the gateway's `baton.pricing_file` included
     */
    public static Upstream forDeployment(Deployment d, HttpTransport transport, ModelCatalog catalog) {
        ProviderPrefixes.Protocol protocol = ProviderPrefixes.protocol(d.provider()).orElseThrow(() -> new UnsupportedProviderException(d));
        return switch (protocol) {
            case ANTHROPIC -> new AnthropicUpstream(d, transport, catalog);
            case OPENAI_COMPATIBLE -> new OpenAiUpstream(d, transport, catalog);
            case GEMINI -> new GeminiUpstream(d, transport, catalog);
            case VERTEX -> Vertex.forDeployment(d, transport, catalog);
            case MOCK -> new MockUpstream(d);
        };
    }

    /**
     * A provider prefix this build cannot speak. A config file never gets here (its loader refuses the prefix with
     * file and line); deployments built in code can.
     */
    public static final class UnsupportedProviderException extends RuntimeException {
        public UnsupportedProviderException(Deployment d) {
            super("deployment " + d.id() + (d.line() > 0 ? " (line " + d.line() + ")" : "") + ": "
                    + ProviderPrefixes.unsupported(d.provider()));
        }
    }
}
