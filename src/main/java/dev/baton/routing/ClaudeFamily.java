package dev.baton.routing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the family (opus, sonnet, haiku) out of any Claude model id: dated ids, aliases, `-latest`, `[1m]`,
 * provider prefixes and Bedrock/Vertex spellings. Matching on families rather than id prefixes is what keeps a
 * new Claude release from 404ing (field notes 45: `claude-haiku-4-5-20251001` broke `startsWith("claude-3-5-haiku")`).
 */
public enum ClaudeFamily {
    OPUS, SONNET, HAIKU;

    private static final Pattern WORD = Pattern.compile("(?<![a-z])(opus|sonnet|haiku)(?![a-z])");

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ClaudeFamily> of(String modelId) {
        if (modelId == null) return Optional.empty();
        var m = WORD.matcher(modelId.toLowerCase(Locale.ROOT));
        return m.find() ? Optional.of(valueOf(m.group(1).toUpperCase(Locale.ROOT))) : Optional.empty();
    }

    /** Claude ids, and ids Claude Code uses that name a family. */
    public static boolean isClaude(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        return id.contains("claude") || of(id).isPresent();
    }
}
