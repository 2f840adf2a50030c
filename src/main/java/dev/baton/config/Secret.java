package dev.baton.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** A credential from the config. Its toString never shows the value, so it cannot leak into logs or errors. */
public final class Secret {
    /** `api_key: passthrough`: forward the caller's own credentials to the upstream. */
    public static final Secret PASSTHROUGH = new Secret("passthrough");

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return "passthrough".equals(value) ? PASSTHROUGH : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isPassthrough() {
        return this == PASSTHROUGH;
    }

    /** Constant-time comparison against what a caller presented. */
    public boolean matches(String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        if (isPassthrough()) return "passthrough";
        return value.length() <= 8 ? "****" : value.substring(0, 3) + "****" + value.substring(value.length() - 2);
    }
}
