package dev.baton.store;

/** The database could not do what was asked; the message names the database but never its credentials. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
