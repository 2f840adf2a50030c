package dev.baton.provider;

import dev.baton.config.Deployment;
import dev.baton.config.ProviderPrefixes;

/** Picks the wire protocol for a deployment's provider prefix. */
public final class Upstreams {
    private Upstreams() {
    }

    /** The upstream for a deployment's provider prefix, from the one table the config check uses too. */
    public static Upstream forDeployment(Deployment d, HttpTransport transport) {
        ProviderPrefixes.Protocol protocol = ProviderPrefixes.protocol(d.provider()).orElseThrow(() -> new UnsupportedProviderException(d));
        return switch (protocol) {
            case ANTHROPIC -> new AnthropicUpstream(d, transport);
            case OPENAI_COMPATIBLE -> new OpenAiUpstream(d, transport);
            case GEMINI -> new GeminiUpstream(d, transport);
            case VERTEX -> Vertex.forDeployment(d, transport);
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
