package dev.baton.dialect.openai;

import dev.baton.canonical.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's `usage` ⇄ {@link Usage}. OpenAI's prompt_tokens include cached tokens; canonical input does not, so cached
 * (and, where reported, cache-written) tokens are subtracted (field notes 35).
 */
public final class OpenAiUsage {
    private OpenAiUsage() {
    }

    /** Reads `usage` (or Groq's `x_groq.usage`); {@link Usage#ZERO} when absent. */
    public static Usage read(JsonNode u) {
        if (u == null || !u.isObject()) return Usage.ZERO;
        long prompt = u.path("prompt_tokens").asLong(0);
        JsonNode details = u.path("prompt_tokens_details");
        long cached = details.path("cached_tokens").asLong(0);
        if (cached == 0) cached = u.path("prompt_cache_hit_tokens").asLong(0); // DeepSeek
        long written = details.path("cache_write_tokens").asLong(0);        // OpenRouter (Anthropic models)
        long uncached = Math.max(0, prompt - cached - written);
        return new Usage(uncached, u.path("completion_tokens").asLong(0), cached, written, 0);
    }

    public static ObjectNode write(Usage u, ObjectNode out) {
        long prompt = u.totalInputTokens();
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", u.outputTokens());
        out.put("total_tokens", prompt + u.outputTokens());
        out.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens());
        return out;
    }
}
