package dev.baton.testing;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** A request exactly as the fake received it. Header lookup ignores case, as HTTP does. */
public final class RecordedRequest {
    private final int sequenceNumber;
    private final int connectionIndex;
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final JsonNode json;

    RecordedRequest(int sequenceNumber, int connectionIndex, String method, String path,
                    Map<String, List<String>> headers, byte[] body) {
        this.sequenceNumber = sequenceNumber;
        this.connectionIndex = connectionIndex;
        this.method = method;
        this.path = path;
        var copy = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
        this.json = Json.parseOrNull(body());
    }

    /** 0-based position among all requests this server received. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 0-based index of the TCP connection it arrived on; equal values mean the connection was reused. */
    public int connectionIndex() {
        return connectionIndex;
    }

    public String method() {
        return method;
    }

    /** The request target, query included, e.g. {@code /v1/messages?beta=true}. */
    public String path() {
        return path;
    }

    public String pathWithoutQuery() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** First value of the header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** All headers; the map's lookups are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] bodyBytes() {
        return body.clone();
    }

    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON, or null when it is empty or not JSON. */
    public JsonNode json() {
        return json;
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + body.length + " bytes, connection " + connectionIndex + ")";
    }
}
