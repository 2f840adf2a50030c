package dev.baton.server;

import dev.baton.dialect.CallerDialect;
import java.util.Map;

/** Writes an error in the caller's dialect. */
final class HttpErrors {
    private HttpErrors() {
    }

    static void send(ClientResponse out, CallerDialect dialect, int status, String message) {
        out.send(status, Map.of(), "application/json", dialect.errorBody(status, message));
    }

    /** A request Baton refuses before routing it. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
