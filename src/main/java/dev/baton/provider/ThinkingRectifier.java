package dev.baton.provider;

import dev.baton.dialect.Json;
import dev.baton.dialect.anthropic.ThinkingTurns;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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
        for (JsonNode m : body.path("messages")) {
            for (JsonNode b : m.path("content")) if (isThinking(b)) return true;
        }
        return false;
    }

    /**
     * A copy without thinking and redacted_thinking blocks. When the conversation is inside a tool loop (the last
     * assistant turn called a tool), thinking is switched off for this request too: Anthropic requires such a turn
     * to begin with a thinking block, which can no longer be given.
     */
    static ObjectNode withoutThinking(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        for (JsonNode m : copy.path("messages")) {
            if (!(m.get("content") instanceof ArrayNode content)) continue;
            for (int i = content.size() - 1; i >= 0; i--) if (isThinking(content.get(i))) content.remove(i);
            if (content.isEmpty()) ((ObjectNode) m).put("content", "(continued)");
        }
        ThinkingTurns.fitToHistory(copy);
        return copy;
    }

    private static boolean isThinking(JsonNode b) {
        String type = b.path("type").asString("");
        return type.equals("thinking") || type.equals("redacted_thinking");
    }

    static byte[] bytes(ObjectNode body) {
        return Json.MAPPER.writeValueAsBytes(body);
    }
}
