package dev.baton.testing;

import java.nio.charset.StandardCharsets;

/** One server-sent event: {@code event: NAME\ndata: DATA\n\n}. A null name omits the event line. */
public record SseEvent(String event, String data) {

    public byte[] wire() {
        String head = event == null ? "" : "event: " + event + "\n";
        return (head + "data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
