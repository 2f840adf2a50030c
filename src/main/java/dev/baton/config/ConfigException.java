package dev.baton.config;

/** A config that cannot be used; the message names the file and line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
