package dev.baton.dialect;

/** The caller's body cannot be understood in its dialect: answered with a 400 in that dialect, never routed. */
public final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
