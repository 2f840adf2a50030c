package dev.baton.dialect;

import java.util.Map;

/**
 * What some providers need echoed on later turns but clients do not keep: Gemini's `thoughtSignature` on a
 * function call, DeepSeek's `reasoning_content` before tool calls (field notes 15, 16). Remembered by tool-call id,
 * which every client does send back, and bounded (least recently used entries go first).
 */
public final class ToolCallMemory {
    private static final ToolCallMemory SHARED = new ToolCallMemory(100_000);

    private final Map<String, String> entries;

    public ToolCallMemory(int capacity) {
        this.entries = new LruMap<>(capacity);
    }

    public static ToolCallMemory shared() {
        return SHARED;
    }

    /** Remembers `value` of `kind` (e.g. "gemini.thoughtSignature") for a tool call. */
    public void put(String kind, String toolCallId, String value) {
        if (toolCallId == null || value == null || value.isEmpty()) return;
        synchronized (entries) {
            entries.put(kind + '\u0000' + toolCallId, value);
        }
    }

    /** The value remembered for the tool call, or null. */
    public String get(String kind, String toolCallId) {
        if (toolCallId == null) return null;
        synchronized (entries) {
            return entries.get(kind + '\u0000' + toolCallId);
        }
    }
}
