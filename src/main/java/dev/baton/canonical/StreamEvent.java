package dev.baton.canonical;

/**
 * One step of a streamed answer, independent of dialect. The sequence follows Anthropic's event grammar, which is
 * the most explicit of the dialects: Start, then for each content block BlockStart, deltas and BlockStop (indices
 * 0, 1, 2… in order, one block open at a time), then Finish and End. Upstream decoders must produce exactly this
 * grammar from whatever chunking their provider uses; caller encoders may rely on it.
 */
public sealed interface StreamEvent {

    /** The answer begins. `usage` holds the input counts known so far (may be {@link Usage#ZERO}). */
    record Start(String id, String model, Usage usage) implements StreamEvent {
    }

    /**
     * A content block begins: {@link Block.Text} with empty text, {@link Block.ToolUse} with an empty input object,
     * {@link Block.Thinking} with empty text and no signature, or a complete {@link Block.RedactedThinking}.
     */
    record BlockStart(int index, Block block) implements StreamEvent {
    }

    record TextDelta(int index, String text) implements StreamEvent {
    }

    /** A piece of a tool call's input JSON. The pieces of one block concatenate to a valid JSON object. */
    record ToolInputDelta(int index, String partialJson) implements StreamEvent {
    }

    record ThinkingDelta(int index, String thinking) implements StreamEvent {
    }

    record SignatureDelta(int index, String signature) implements StreamEvent {
    }

    record BlockStop(int index) implements StreamEvent {
    }

    /** The answer is complete: why it stopped and the final cumulative usage (field notes 37). */
    record Finish(StopReason stopReason, String stopSequence, Usage usage) implements StreamEvent {
    }

    /** Nothing follows. */
    record End() implements StreamEvent {
    }

    /** Whether the caller would see this as content (after it, a fallback is no longer invisible). */
    default boolean isContent() {
        return !(this instanceof Start);
    }
}
