package dev.baton.dialect;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Where a conversation stands: at a new user turn, or in the middle of a tool loop. */
public final class Turns {
    private Turns() {
    }

    /**
     * Whether the request's last message is the user's own (not tool results handed back to the model). Between two
     * such turns an agent runs its tool loop, and switching models there would split one piece of work in two.
     */
    public static boolean atUserTurn(CallerBody body) {
        ObjectNode raw = body.raw();
        if (raw == null) return true; // a canonical-only body (internal callers) has no turns to respect
        JsonNode messages = raw.path("messages");
        if (!messages.isArray() || messages.isEmpty()) return true;
        JsonNode last = messages.get(messages.size() - 1);
        if (!last.path("role").asString("").equals("user")) return false; // `tool` (OpenAI) or an assistant prefill
        JsonNode content = last.path("content");
        if (!content.isArray()) return true;
        for (JsonNode block : content) if (block.path("type").asString("").equals("tool_result")) return false;
        return true;
    }
}
