package dev.baton.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a dialect wants sent: either a fixed body (sent with Content-Length) or a list of SSE events (sent
 * chunked, one chunk per event). Keeping events separate is what lets faults cut a stream "after N events".
 */
public record FakeResponse(int status, Map<String, String> headers, byte[] body, List<SseEvent> events) {

    public FakeResponse {
        headers = Map.copyOf(headers);
        events = events == null ? null : List.copyOf(events);
        if ((body == null) == (events == null)) throw new IllegalArgumentException("need exactly one of body and events");
    }

    public static FakeResponse json(int status, String json) {
        return new FakeResponse(status, Map.of("content-type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), null);
    }

    public static FakeResponse sse(List<SseEvent> events) {
        return new FakeResponse(200,
                Map.of("content-type", "text/event-stream; charset=utf-8", "cache-control", "no-cache"), null, events);
    }

    public boolean streaming() {
        return events != null;
    }

    public FakeResponse withHeaders(Map<String, String> extra) {
        var merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new FakeResponse(status, merged, body, events);
    }

    public FakeResponse withHeader(String name, String value) {
        return withHeaders(Map.of(name, value));
    }
}
