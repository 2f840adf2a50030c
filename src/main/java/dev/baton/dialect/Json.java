package dev.baton.dialect;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper: thread-safe once built, and costly enough to build that every class should not have its own. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}
