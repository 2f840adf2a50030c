package dev.baton.dialect.anthropic;

import dev.baton.canonical.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's `usage` object ⇄ {@link Usage}, cache-write durations included. */
public final class AnthropicUsage {
    private AnthropicUsage() {
    }

    public static Usage read(JsonNode u) {
        if (u == null || !u.isObject()) return Usage.ZERO;
        long write = u.path("cache_creation_input_tokens").asLong(0);
        JsonNode split = u.path("cache_creation");
        long write1h = split.path("ephemeral_1h_input_tokens").asLong(0);
        long write5m = split.isObject() ? split.path("ephemeral_5m_input_tokens").asLong(0) : write;
        if (split.isObject() && write5m + write1h < write) write5m = write - write1h; // be exact about the total
        return new Usage(u.path("input_tokens").asLong(0), u.path("output_tokens").asLong(0),
                u.path("cache_read_input_tokens").asLong(0), write5m, write1h);
    }

    public static void write(Usage u, ObjectNode out) {
        out.put("input_tokens", u.inputTokens());
        out.put("cache_creation_input_tokens", u.cacheWriteTokens());
        out.put("cache_read_input_tokens", u.cacheReadTokens());
        if (u.cacheWrite1hTokens() > 0) {
            out.putObject("cache_creation").put("ephemeral_5m_input_tokens", u.cacheWrite5mTokens())
                    .put("ephemeral_1h_input_tokens", u.cacheWrite1hTokens());
        }
        out.put("output_tokens", u.outputTokens());
    }
}
