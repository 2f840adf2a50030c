package dev.baton.server;

import dev.baton.dialect.CallerDialect;
import java.util.Map;

/** Writes an error in the caller's dialect. */
final class HttpErrors {
    private HttpErrors() {
    }

    static void send(ClientResponse out, CallerDialect dialect, int status, String message) {
        send(out, dialect, status, message, Map.of());
    }

    static void send(ClientResponse out, CallerDialect dialect, int status, String message, Map<String, String> headers) {
        out.send(status, headers, "application/json", dialect.errorBody(status, message));
    }

    /** A request Baton refuses before routing it. */
    static final class BadRequest extends RuntimeException {
        final int status;
        /** Extra response headers, such as `retry-after` for a key's rate limit. */
        final Map<String, String> headers;

        BadRequest(int status, String message) {
            this(status, message, Map.of());
        }

        BadRequest(int status, String message, Map<String, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.headers = Map.copyOf(headers);
        }
    }

    /** An admin or key route's JSON body as an object (an empty body as an empty one), or a 400 saying what is wrong. */
    static tools.jackson.databind.JsonNode jsonObject(byte[] body) {
        if (body.length == 0) return dev.baton.dialect.Json.MAPPER.createObjectNode();
        try {
            tools.jackson.databind.JsonNode n = dev.baton.dialect.Json.MAPPER.readTree(body);
            if (!n.isObject()) throw new BadRequest(400, "request body must be a JSON object");
            return n;
        } catch (tools.jackson.core.JacksonException e) {
            throw new BadRequest(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
