package dev.baton.server;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies and response parsing for the HTTP tests. */
final class Wire {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Wire() {
    }

    /** A minimal Messages request. */
    static String message(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static ObjectNode object(String text) {
        return (ObjectNode) JSON.readTree(text);
    }

    /** The Anthropic error type of an error body. */
    static String errorType(HttpResponse<String> r) {
        return json(r.body()).path("error").path("type").asString();
    }

    static String errorMessage(HttpResponse<String> r) {
        return json(r.body()).path("error").path("message").asString();
    }

    /** One server-sent event. */
    record Event(String type, String data) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    /** Splits an SSE body into events (`event:` and `data:` lines, blank-line separated). */
    static List<Event> events(String body) {
        List<Event> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) continue;
            String type = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) type = line.substring(6).strip();
                else if (line.startsWith("data:")) data.append(line.substring(5).strip());
            }
            out.add(new Event(type, data.toString()));
        }
        return out;
    }

    static List<String> types(String body) {
        return events(body).stream().map(Event::type).toList();
    }

    /** The concatenated text of all text deltas of a stream. */
    static String streamedText(String body) {
        StringBuilder text = new StringBuilder();
        for (Event e : events(body)) {
            if ("content_block_delta".equals(e.type())) text.append(e.json().path("delta").path("text").asString(""));
        }
        return text.toString();
    }
}
