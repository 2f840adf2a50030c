package dev.baton.journal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The working directory Claude Code states in its system prompt. Older versions write an `<env>` block with
 * `Working directory: /path`; newer ones `- Primary working directory: /path` under `# Environment`. Only the
 * system prompt is read, and the first user message when the system prompt says nothing (some clients move the
 * environment there).
 */
final class ClaudeCodeEnv {
    private static final String MARK = "orking directory:";
    private static final Pattern LINE = Pattern.compile(
            "^[ \\t]*(?:-[ \\t]*)?(?:Primary working directory|Working directory):[ \\t]*[`'\"]?([^`'\"\\r\\n]+?)[`'\"]?[ \\t]*$",
            Pattern.MULTILINE);

    private ClaudeCodeEnv() {
    }

    /** The absolute directory, or null. */
    static String workingDirectory(JsonNode body) {
        String dir = in(body.path("system"));
        if (dir != null) return dir;
        JsonNode first = body.path("messages").path(0);
        return first.path("role").asString("").equals("user") ? in(first.path("content")) : null;
    }

    private static String in(JsonNode content) {
        if (content.isString()) return find(content.asString());
        if (!content.isArray()) return null;
        for (JsonNode block : content) {
            JsonNode text = block.path("text");
            if (text.isString()) {
                String d = find(text.asString());
                if (d != null) return d;
            }
        }
        return null;
    }

    private static String find(String text) {
        if (!text.contains(MARK)) return null; // cheap test first: this runs on the request path
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            String d = m.group(1).strip();
            if (d.startsWith("/") || d.matches("[A-Za-z]:[\\\\/].*")) return d;
        }
        return null;
    }
}
