package dev.baton.dialect;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as it came off the wire.
 *
 * @param event the `event:` field, or null when absent
 * @param data  the `data:` lines joined by newlines, or "" when absent
 * @param raw   the event's bytes including its terminating blank line, to pass through untouched
 */
public record SseEvent(String event, String data, byte[] raw) {

    public static SseEvent of(String event, String data) {
        String text = (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
        return new SseEvent(event, data, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The event type: the `event:` field, as Anthropic sends it on every event. */
    public String type() {
        return event == null ? "message" : event;
    }
}
