package dev.baton.testing;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The conversation rules Anthropic's API enforces on `messages`, with its own error messages: what a translator
 * most easily gets wrong (field notes 1, 11, 13, 14).
 */
final class AnthropicConversationRules {
    private static final Pattern TOOL_ID = Pattern.compile("^[a-zA-Z0-9_-]+$");

    private AnthropicConversationRules() {}

    /** Null when the messages are valid, else Anthropic's error message. */
    static String check(JsonNode body, Set<String> validSignatures) {
        String invalid = checkMessages(body.get("messages"), validSignatures);
        if (invalid != null || !body.path("thinking").path("type").asString("").equals("enabled")) return invalid;
        JsonNode last = null;
        for (JsonNode m : body.get("messages")) if (m.path("role").asString("").equals("assistant")) last = m;
        if (last == null || !last.path("content").isArray()) return null;
        boolean callsTool = false;
        for (JsonNode b : last.path("content")) callsTool |= b.path("type").asString("").equals("tool_use");
        String first = last.path("content").path(0).path("type").asString("");
        if (callsTool && !first.equals("thinking") && !first.equals("redacted_thinking")) {
            return "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `" + first
                    + "`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.";
        }
        return null;
    }

    private static String checkMessages(JsonNode messages, Set<String> validSignatures) {
        Set<String> pendingToolUses = new HashSet<>();
        int i = 0;
        for (JsonNode m : messages) {
            String role = m.path("role").asString("");
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages." + i + ".role: Input should be 'user' or 'assistant'";
            }
            JsonNode content = m.path("content");
            if (content.isString() && content.asString().isEmpty()) return "messages." + i + ": content must be non-empty";
            if (content.isArray() && content.isEmpty()) return "messages." + i + ": all messages must have non-empty content";
            Set<String> answered = new HashSet<>();
            int j = 0;
            for (JsonNode b : content.isArray() ? content : Json.parse("[]")) {
                String where = "messages." + i + ".content." + j++;
                switch (b.path("type").asString("")) {
                    case "text" -> {
                        if (b.path("text").asString("").isBlank()) return "messages: text content blocks must be non-empty";
                    }
                    case "tool_use" -> {
                        String id = b.path("id").asString("");
                        if (!TOOL_ID.matcher(id).matches()) return where + ".tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'";
                        if (!role.equals("assistant")) return where + ": tool_use blocks are only allowed in assistant messages";
                    }
                    case "tool_result" -> {
                        String id = b.path("tool_use_id").asString("");
                        if (!pendingToolUses.contains(id) || !answered.add(id)) {
                            return where + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id
                                    + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
                        }
                    }
                    case "thinking" -> {
                        if (!validSignatures.contains(b.path("signature").asString(""))) return where + ": Invalid `signature` in `thinking` block";
                    }
                    default -> { }
                }
            }
            if (role.equals("user")) {
                if (!answered.containsAll(pendingToolUses)) {
                    Set<String> missing = new HashSet<>(pendingToolUses);
                    missing.removeAll(answered);
                    return "messages." + (i - 1) + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                            + String.join(", ", missing) + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.";
                }
                pendingToolUses.clear();
            } else {
                pendingToolUses.clear();
                for (JsonNode b : content.isArray() ? content : Json.parse("[]")) {
                    if (b.path("type").asString("").equals("tool_use")) pendingToolUses.add(b.path("id").asString(""));
                }
            }
            i++;
        }
        return null;
    }
}
