package dev.baton.dialect.gemini;

import dev.baton.canonical.Usage;
import tools.jackson.databind.JsonNode;

/**
 * Gemini's {@code usageMetadata} → {@link Usage}. Gemini's prompt count includes cached tokens and its candidate count
 * excludes thoughts, so input is prompt (plus tool-use prompt) minus cached, and output is candidates plus thoughts.
 */
final class GeminiUsage {
    private GeminiUsage() {
    }

    static Usage read(JsonNode u) {
        if (u == null || !u.isObject()) return null;
        long cached = u.path("cachedContentTokenCount").asLong(0);
        long prompt = u.path("promptTokenCount").asLong(0) + u.path("toolUsePromptTokenCount").asLong(0);
        long output = u.path("candidatesTokenCount").asLong(0) + u.path("thoughtsTokenCount").asLong(0);
        return new Usage(Math.max(0, prompt - cached), output, cached, 0, 0);
    }
}
