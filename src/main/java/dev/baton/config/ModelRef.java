package dev.baton.config;

import java.util.Optional;

/**
 * LiteLLM's `litellm_params.model`: `provider/model`, split at the first `/` (the model may contain more,
 * as in `openrouter/anthropic/claude-3.5`).
 */
record ModelRef(String provider, String model) {

    /** Splits `provider/model`; empty if there is no usable prefix. */
    static Optional<ModelRef> parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) return Optional.empty();
        return Optional.of(new ModelRef(text.substring(0, slash), text.substring(slash + 1)));
    }

    /**
     * LiteLLM infers the provider of a bare name from its catalogue of known models. Baton only knows the
     * families that matter to it and assumes OpenAI otherwise, as LiteLLM does for unknown names.
     */
    static ModelRef infer(String bare) {
        if (bare.startsWith("claude-")) return new ModelRef("anthropic", bare);
        if (bare.startsWith("gemini-")) return new ModelRef("gemini", bare);
        return new ModelRef("openai", bare);
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
