package dev.baton.canonical;

import java.util.List;

/**
 * A whole (non-streamed) answer, independent of dialect.
 *
 * @param id           the upstream's id for it (or one Baton made)
 * @param model        the model that answered
 * @param content      text, tool calls and thinking, in order; never an empty text block
 * @param stopReason   why it stopped: {@link StopReason#TOOL_USE} whenever it holds a tool call (field notes 8)
 * @param stopSequence the stop sequence that ended it, or null
 * @param usage        token counts
 */
public record ChatResponse(String id, String model, List<Block> content, StopReason stopReason, String stopSequence, Usage usage) {
    public ChatResponse {
        content = List.copyOf(content);
    }
}
