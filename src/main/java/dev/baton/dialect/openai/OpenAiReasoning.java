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
        JsonNode r = messageOrDelta.get("reasoning_content");
        if (r == null || !r.isString()) r = messageOrDelta.get("reasoning");
        return r != null && r.isString() && !r.asString().isEmpty() ? r.asString() : null;
    }
}
