package dev.baton.server;

/** The caller closed its connection; the request is abandoned without an answer. */
final class ClientGoneException extends dev.baton.routing.FallbackEngine.Abandoned {
    ClientGoneException(Throwable cause) {
        super("client went away", cause);
    }
}
