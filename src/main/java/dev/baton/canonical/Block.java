package dev.baton.canonical;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One piece of a message's content, in the richest of the dialects (Anthropic's). Translators map each dialect's
 * parts onto these and back; what a target cannot take is dropped by its encoder, never silently here.
 */
public sealed interface Block {

    /**
     * Text. Never empty when encoded: translators drop empty text instead of sending it (field notes 11).
     *
     * @param cacheControl Anthropic's `cache_control` marker, or null
     */
    record Text(String text, JsonNode cacheControl) implements Block {
        public Text(String text) {
            this(text, null);
        }

        public boolean isBlank() {
            return text == null || text.isBlank();
        }
    }

    /** An image, either inline (base64 with a media type) or by URL (exactly one of data and url is set). */
    record Image(String mediaType, String data, String url) implements Block {
        public static Image base64(String mediaType, String data) {
            return new Image(mediaType, data, null);
        }

        public static Image url(String url) {
            return new Image(null, null, url);
        }

        public boolean isUrl() {
            return url != null;
        }
    }

    /** A call of a tool by the model. `input` is a JSON object. */
    record ToolUse(String id, String name, JsonNode input) implements Block {
    }

    /** The result of a tool call, sent back by the client. `content` holds Text and Image blocks. */
    record ToolResult(String toolUseId, List<Block> content, boolean isError) implements Block {
        public ToolResult {
            content = List.copyOf(content);
        }
    }

    /**
     * The model's visible reasoning. `signature` is Anthropic's opaque signature when Anthropic produced it;
     * reasoning translated from other providers carries a signature made by {@link ThinkingOrigin}, so it can be
     * recognised and dropped before it reaches Anthropic (field notes 13). Baton never forges Anthropic's.
     */
    record Thinking(String text, String signature) implements Block {
    }

    /** Anthropic's encrypted reasoning; only Anthropic can read it. */
    record RedactedThinking(String data) implements Block {
    }
}
