package dev.baton.routing;

import dev.baton.dialect.CallerBody;
import dev.baton.dialect.JsonFields;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * What a request asks of the model, read from its top-level fields in either caller dialect, for the routing rules:
 * thinking, web search, tools, size. Each question reads only the fields it needs, and only when asked.
 */
final class RequestTraits {
    private static final byte[] WEB_SEARCH = "web_search".getBytes(StandardCharsets.US_ASCII);
    private final CallerBody body;
    private final int bodyBytes;

    /** @param bodyBytes the size of the caller's body in bytes, or -1 when unknown */
    RequestTraits(CallerBody body, int bodyBytes) {
        this.body = body;
        this.bodyBytes = bodyBytes;
    }

    /** Anthropic `thinking` of type `enabled` or `adaptive`, or an OpenAI `reasoning_effort` other than `none`. */
    boolean thinking() {
        JsonNode thinking = body.field("thinking");
        if (thinking != null && thinking.isObject()) {
            String type = thinking.path("type").asString("");
            if (type.equals("enabled") || type.equals("adaptive")) return true;
        }
        JsonNode effort = body.field("reasoning_effort");
        return effort != null && effort.isString() && !effort.asString().equals("none");
    }

    /** A server tool whose type starts with `web_search` (Anthropic's dated types, OpenAI's), or OpenAI's `web_search_options`. */
    boolean webSearch() {
        JsonNode options = body.field("web_search_options");
        if (options != null && !options.isNull()) return true;
        // Claude Code's tools are some 30 KB of schemas: a search of the bytes (half the time of parsing them) spares
        // the parse for requests that cannot have such a tool; a type spelt with escapes in its JSON would go unseen
        JsonFields fields = body.fields();
        if (fields != null && !contains(fields.bytes(), WEB_SEARCH)) return false;
        JsonNode tools = body.field("tools");
        if (tools == null || !tools.isArray()) return false;
        for (JsonNode t : tools) if (t.path("type").asString("").startsWith("web_search")) return true;
        return false;
    }

    /** Any tool at all: a non-empty `tools`, or OpenAI's older `functions`. */
    boolean tools() {
        return nonEmpty(body.field("tools")) || nonEmpty(body.field("functions"));
    }

    /**
     * Whether Baton's estimate of the input tokens (the conservative one count_tokens answers with) is above
     * {@code threshold}. A body no larger in bytes than the threshold is not counted: a token is at least a byte.
     */
    boolean tokensOver(int threshold) {
        if (bodyBytes >= 0 && bodyBytes <= threshold) return false;
        return body.inputTokens() > threshold;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        byte first = needle[0];
        next:
        for (int i = 0, last = hay.length - needle.length; i <= last; i++) {
            if (hay[i] != first) continue;
            for (int k = 1; k < needle.length; k++) if (hay[i + k] != needle[k]) continue next;
            return true;
        }
        return false;
    }

    private static boolean nonEmpty(JsonNode n) {
        return n != null && n.isArray() && !n.isEmpty();
    }
}
