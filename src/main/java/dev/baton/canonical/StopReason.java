package dev.baton.canonical;

/** Why the model stopped, in Anthropic's terms. */
public enum StopReason {
    END_TURN("end_turn"),
    MAX_TOKENS("max_tokens"),
    STOP_SEQUENCE("stop_sequence"),
    TOOL_USE("tool_use"),
    PAUSE_TURN("pause_turn"),
    REFUSAL("refusal");

    private final String wire;

    StopReason(String wire) {
        this.wire = wire;
    }

    /** Anthropic's spelling. */
    public String wire() {
        return wire;
    }

    public static StopReason fromWire(String s) {
        if (s == null) return END_TURN;
        for (StopReason r : values()) if (r.wire.equals(s)) return r;
        return END_TURN;
    }
}
