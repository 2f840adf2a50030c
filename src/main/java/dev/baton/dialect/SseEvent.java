package dev.baton.dialect;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;

/**
 * One server-sent event as it came off the wire: its `event:` field (null when absent), its `data:` lines joined by
 * newlines ("" when absent), and its raw bytes including the terminating blank line, to pass through untouched. The
 * data of an event read off a stream is one line of the raw bytes nearly always: it is decoded only when asked for as
 * text, and parsed as JSON from those bytes ({@link #dataParser()}), since a relayed stream is hundreds of such events.
 */
public final class SseEvent {
    private final String event;
    private final byte[] raw;
    /** Where the data lies in {@link #raw}, when it is one line there; else -1 and {@link #data} is set. */
    private final int dataFrom;
    private final int dataTo;
    private String data;

    public SseEvent(String event, String data, byte[] raw) {
        this.event = event;
        this.data = data;
        this.raw = raw;
        this.dataFrom = -1;
        this.dataTo = -1;
    }

    /** An event whose data is the bytes {@code [dataFrom, dataTo)} of {@code raw}. */
    SseEvent(String event, byte[] raw, int dataFrom, int dataTo) {
        this.event = event;
        this.raw = raw;
        this.dataFrom = dataFrom;
        this.dataTo = dataTo;
    }

    public static SseEvent of(String event, String data) {
        String text = (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
        return new SseEvent(event, data, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The `event:` field, or null when absent. */
    public String event() {
        return event;
    }

    /** The `data:` lines joined by newlines, or "" when absent. */
    public String data() {
        if (data == null) data = new String(raw, dataFrom, dataTo - dataFrom, StandardCharsets.UTF_8);
        return data;
    }

    /** The event's bytes as they came, terminating blank line included. */
    public byte[] raw() {
        return raw;
    }

    /** The event type: the `event:` field, as Anthropic sends it on every event. */
    public String type() {
        return event == null ? "message" : event;
    }

    /** A JSON parser over the data, reading its bytes where they lie. */
    public JsonParser dataParser() {
        return dataFrom >= 0 ? Json.MAPPER.createParser(raw, dataFrom, dataTo - dataFrom)
                : Json.MAPPER.createParser(data.getBytes(StandardCharsets.UTF_8)); // bytes: Jackson reads them faster than chars
    }

    /** Whether the data, leading and trailing whitespace aside, is {@code ascii} ("" for blank data). */
    public boolean dataIs(String ascii) {
        long r = strippedRange();
        if (r < 0) return data().strip().equals(ascii);
        int from = (int) (r >>> 32);
        return (int) r - from == ascii.length() && matches(from, ascii);
    }

    /** Whether the data, leading and trailing whitespace aside, starts with '{' and ends with '}'. */
    public boolean dataLooksLikeObject() {
        long r = strippedRange();
        if (r < 0) {
            String d = data().strip();
            return d.startsWith("{") && d.endsWith("}");
        }
        int from = (int) (r >>> 32);
        int to = (int) r;
        return to - from >= 2 && raw[from] == '{' && raw[to - 1] == '}';
    }

    /** Whether the data holds {@code ascii} somewhere. */
    public boolean dataContains(String ascii) {
        if (dataFrom < 0) return data.contains(ascii);
        for (int i = dataFrom; i <= dataTo - ascii.length(); i++) if (matches(i, ascii)) return true;
        return false;
    }

    /**
     * Where the data lies in {@link #raw} once stripped, as {@code from << 32 | to}; -1 when it is not in raw, or when
     * what is left has a non-ASCII byte at an end (Unicode's spaces may be there too: String's strip() decides).
     */
    private long strippedRange() {
        if (dataFrom < 0) return -1;
        int from = dataFrom;
        int to = dataTo;
        while (from < to && isSpace(raw[from])) from++;
        while (to > from && isSpace(raw[to - 1])) to--;
        if (from < to && (raw[from] < 0 || raw[to - 1] < 0)) return -1;
        return (long) from << 32 | to;
    }

    private boolean matches(int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) if (raw[at + i] != ascii.charAt(i)) return false;
        return true;
    }

    // what String.strip() takes away, of the bytes one line can hold: space, tab, and the controls it counts as white
    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == 0x0B || b == '\f' || (b >= 0x1C && b <= 0x1F);
    }
}
