package dev.baton.dialect.gemini;

/**
 * Where Gemini's {@code thoughtSignature}s live between turns (field notes 15): in {@link dev.baton.dialect.ToolCallMemory}
 * under this kind, keyed by the tool call's id, and in the signature of the thinking block before the call, written by
 * {@link dev.baton.canonical.ThinkingOrigin} with this provider name, for clients that keep thinking blocks.
 */
public final class GeminiSignatures {
    public static final String KIND = "gemini.thoughtSignature";
    public static final String PROVIDER = "gemini";

    private GeminiSignatures() {
    }
}
