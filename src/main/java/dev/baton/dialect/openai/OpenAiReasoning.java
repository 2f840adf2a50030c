package dev.baton.dialect.openai;

import tools.jackson.databind.JsonNode;

/**
 * Reasoning text in Chat Completions answers has no standard field: DeepSeek, xAI and older vLLM send
 * `reasoning_content`, OpenRouter, Groq, Ollama and newer vLLM send `reasoning`. Both are read; callers get
 * `reasoning_content`.
 */
public final class OpenAiReasoning {
    /** {@link dev.baton.dialect.ToolCallMemory} kind for the reasoning of a turn that called tools (field notes 16). */
    public static final String MEMORY_KIND = "openai.reasoning_content";

    private OpenAiReasoning() {
    }

    /** The reasoning text of a message or delta, or null. */
    public static String read(JsonNode messageOrDelta) {
        return of(string(messageOrDelta.get("reasoning_content")), string(messageOrDelta.get("reasoning")));
    }

    /** The reasoning text, given the two fields' string values (null: absent or not a string), or null when none or empty. */
    static String of(String reasoningContent, String reasoning) {
        String r = reasoningContent != null ? reasoningContent : reasoning;
        return r != null && !r.isEmpty() ? r : null;
    }

    private static String string(JsonNode n) {
        return n != null && n.isString() ? n.asString() : null;
    }
}
