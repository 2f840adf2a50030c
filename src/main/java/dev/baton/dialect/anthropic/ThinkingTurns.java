package dev.baton.dialect.anthropic;

import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's rule for thinking in tool loops: with thinking enabled, the last assistant turn, when it called a
 * tool, must begin with a thinking block. After Baton drops thinking Anthropic cannot verify (a Gemini or GPT turn's,
 * or another account's) that turn may no longer do so; thinking is then switched off for that one request, which
 * Anthropic accepts, rather than the request failing.
 */
public final class ThinkingTurns {
    private ThinkingTurns() {
    }

    /**
     * A copy of the body without the content blocks {@code drop} selects, turns left empty holding a placeholder, and
     * thinking fitted to what is left; the body itself when no block is selected (the common case: one scan).
     */
    public static ObjectNode without(ObjectNode body, Predicate<JsonNode> drop) {
        if (!any(body, drop)) return body;
        ObjectNode copy = body.deepCopy();
        for (JsonNode m : copy.path("messages")) {
            if (!(m.get("content") instanceof ArrayNode content)) continue;
            for (int i = content.size() - 1; i >= 0; i--) if (drop.test(content.get(i))) content.remove(i);
            if (content.isEmpty()) ((ObjectNode) m).put("content", "(continued)");
        }
        fitToHistory(copy);
        return copy;
    }

    /** Whether any message holds a content block {@code match} selects. */
    public static boolean any(ObjectNode body, Predicate<JsonNode> match) {
        for (JsonNode m : body.path("messages")) {
            for (JsonNode b : m.path("content")) if (match.test(b)) return true;
        }
        return false;
    }

    /** Removes `thinking` from the body when its last assistant turn calls a tool without thinking first. */
    public static void fitToHistory(ObjectNode body) {
        if (!body.has("thinking")) return;
        JsonNode last = null;
        for (JsonNode m : body.path("messages")) if (m.path("role").asString("").equals("assistant")) last = m;
        if (last == null || !last.path("content").isArray()) return;
        boolean callsTool = false;
        for (JsonNode b : last.path("content")) callsTool |= b.path("type").asString("").equals("tool_use");
        if (!callsTool) return;
        String first = last.path("content").path(0).path("type").asString("");
        if (!first.equals("thinking") && !first.equals("redacted_thinking")) body.remove("thinking");
    }
}
