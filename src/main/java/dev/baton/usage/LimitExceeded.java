package dev.baton.usage;

import java.util.Map;

/**
 * A virtual key's limit refused the request before any upstream saw it. The server renders it in the caller's
 * dialect with {@link #status()} and {@link #headers()} (`retry-after` for rate limits).
 *
 * @see Limits for which limit answers what
 */
public final class LimitExceeded extends RuntimeException {
    public enum Kind { MODEL, BUDGET, RPM, TPM }

    private final Kind kind;
    private final int status;
    private final Map<String, String> headers;

    LimitExceeded(Kind kind, int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
