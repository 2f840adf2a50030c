package dev.baton.dialect;

/** The wire protocols Baton speaks, to callers and to upstreams. */
public enum Wire {
    /** Anthropic Messages API (`/v1/messages`). */
    ANTHROPIC,
    /** OpenAI Chat Completions API (`/v1/chat/completions`). */
    OPENAI,
    /** Google Gemini `generateContent` (upstreams only). */
    GEMINI
}
