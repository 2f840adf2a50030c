package dev.baton.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provider prefixes of `litellm_params.model` Baton speaks, each with the wire protocol that serves it. The config
 * loader rejects any other prefix with this list, and the provider factory ({@code dev.baton.provider.Upstreams})
 * switches over {@link Protocol}: one table for both, so the list in the error cannot drift from what is served.
 */
public final class ProviderPrefixes {
    /** How a prefix is spoken to. */
    public enum Protocol {
        /** Anthropic's Messages API and the endpoints compatible with it. */
        ANTHROPIC,
        /** OpenAI's Chat Completions and the servers compatible with it (per-vendor quirks in OpenAiVendor). */
        OPENAI_COMPATIBLE,
        /** Google AI Studio's Gemini API. */
        GEMINI,
        /** Gemini and Claude on Google Vertex AI. */
        VERTEX,
        /** Baton's in-process mock (`mock_response`). */
        MOCK
    }

    private static final Map<String, Protocol> TABLE = table();

    private ProviderPrefixes() {
    }

    private static Map<String, Protocol> table() {
        Map<String, Protocol> t = new LinkedHashMap<>(); // in the order the docs and the error list them
        t.put("anthropic", Protocol.ANTHROPIC);
        for (String p : List.of("openai", "openrouter", "deepseek", "github", "groq", "mistral", "xai", "together_ai", "ollama",
                "ollama_chat", "hosted_vllm", "lm_studio")) {
            t.put(p, Protocol.OPENAI_COMPATIBLE);
        }
        t.put("gemini", Protocol.GEMINI);
        t.put("vertex_ai", Protocol.VERTEX);
        t.put("mock", Protocol.MOCK);
        return Collections.unmodifiableMap(t);
    }

    public static Optional<Protocol> protocol(String prefix) {
        return Optional.ofNullable(TABLE.get(prefix));
    }

    /** Every supported prefix (without the slash), in table order. */
    public static Set<String> all() {
        return TABLE.keySet();
    }

    /** The prefixes one protocol serves, in table order. */
    public static Set<String> of(Protocol protocol) {
        return TABLE.entrySet().stream().filter(e -> e.getValue() == protocol).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** What to tell someone who wrote an unknown prefix: the closest supported one, if any, and all of them. */
    public static String unsupported(String prefix) {
        String hint = Suggestion.closest(prefix, TABLE.keySet()).map(s -> " (did you mean '" + s + "/'?)").orElse("");
        return "provider '" + prefix + "' is not supported" + hint + "; Baton supports "
                + TABLE.keySet().stream().map(p -> p + "/").collect(Collectors.joining(", ")) + " (see docs/providers.md)";
    }
}
