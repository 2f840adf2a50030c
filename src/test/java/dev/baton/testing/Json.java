package dev.baton.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tiny JSON helpers so wire formats read like the docs: {@code obj("type", "ping")}. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** An ordered object from alternating keys and values; null values are kept (they are part of the wire). */
    static Map<String, Object> obj(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    static JsonNode parseOrNull(String json) {
        if (json == null || json.isBlank()) return null;
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }
}
