package dev.baton.provider;

/**
 * Recognises "the prompt does not fit" in any provider's words, so context-window fallbacks fire instead of a
 * generic 400 reaching the user (field notes 20).
 */
public final class ContextOverflow {
    private static final Phrases PHRASES = new Phrases(
            "prompt is too long",                          // Anthropic
            "exceed context limit",                        // Anthropic: input length and `max_tokens` exceed context limit
            "context_length_exceeded",                     // OpenAI code
            "maximum context length",                      // OpenAI, vLLM, DeepSeek
            "context length exceeded",
            "longer than the model's context length",      // sglang / vLLM
            "longer than the maximum model length",        // vLLM
            "exceeds the model's maximum context",
            "exceeds the maximum number of tokens",        // Gemini
            "input token count",                           // Gemini: "The input token count (N) exceeds the maximum ..."
            "too many tokens",
            "context window",
            "reduce the length of the messages",
            "input is too long");

    private ContextOverflow() {
    }

    public static boolean matches(String message) {
        return PHRASES.in(message);
    }
}
