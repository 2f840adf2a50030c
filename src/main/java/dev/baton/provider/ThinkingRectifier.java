package dev.baton.provider;

import dev.baton.dialect.anthropic.ThinkingTurns;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic rejects thinking blocks whose signature it cannot verify: history from another account, channel or
 * provider ("Invalid `signature` in `thinking` block"). Such a request is retried once on the same deployment with
 * the thinking blocks removed, before anything falls back (field notes 14).
 */
final class ThinkingRectifier {
    private ThinkingRectifier() {
    }

    static boolean isInvalidSignature(int status, byte[] errorBody) {
        if (status != 400) return false;
        String text = new String(errorBody, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return text.contains("signature") && text.contains("thinking");
    }

    static boolean hasThinking(ObjectNode body) {
        return ThinkingTurns.any(body, ThinkingRectifier::isThinking);
    }

    /**
     * A copy without thinking and redacted_thinking blocks. When the conversation is inside a tool loop (the last
     * assistant turn called a tool), thinking is switched off for this request too: Anthropic requires such a turn
     * to begin with a thinking block, which can no longer be given.
     */
    static ObjectNode withoutThinking(ObjectNode body) {
        return ThinkingTurns.without(body, ThinkingRectifier::isThinking);
    }

    private static boolean isThinking(JsonNode b) {
        String type = b.path("type").asString("");
        return type.equals("thinking") || type.equals("redacted_thinking");
    }
}
