package dev.baton.dialect.gemini;

import dev.baton.canonical.Failure;
import dev.baton.canonical.StopReason;
import java.util.Set;

/** Gemini's {@code finishReason} → {@link StopReason}, or the {@link Failure} it really is. */
final class GeminiFinish {
    private static final Set<String> REFUSALS = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
            "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "MODEL_ARMOR", "LANGUAGE");
    /** The model botched a tool call: no answer to show, and another attempt (or model) usually succeeds. */
    private static final Set<String> FAILED_CALLS = Set.of("MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS");

    private GeminiFinish() {
    }

    /** The failure a finish reason stands for, or null when it ends an answer. */
    static Failure failure(String finishReason) {
        if (finishReason == null || !FAILED_CALLS.contains(finishReason)) return null;
        return new Failure.ServerError(502, "Gemini ended with finishReason " + finishReason);
    }

    /** Tool use whenever a function call was emitted (field notes 8), however Gemini named the end. */
    static StopReason stopReason(String finishReason, boolean sawToolUse) {
        if (sawToolUse) return StopReason.TOOL_USE;
        if (finishReason == null) return StopReason.END_TURN;
        if (finishReason.equals("MAX_TOKENS")) return StopReason.MAX_TOKENS;
        if (REFUSALS.contains(finishReason)) return StopReason.REFUSAL;
        return StopReason.END_TURN;
    }
}
