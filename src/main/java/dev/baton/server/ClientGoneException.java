package dev.baton.server;

/** The caller closed its connection; the request is abandoned without an answer. */
final class ClientGoneException extends RuntimeException {
    ClientGoneException(Throwable cause) {
        super("client went away", cause, false, false);
    }
}
