package dev.baton.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * A credential from the config. Its toString never shows the value, so it cannot leak into logs or errors.
 *
 * <p>A secret whose environment variable is not set is kept unresolved instead of failing the whole config: only a
 * command that uses it stops, when it calls {@link #reveal()}, with the error naming file, line and variable. So
 * `baton config check`, `spend` and `review` work without the master key exported, and `serve` still refuses to start.
 */
public final class Secret {
    /** `api_key: passthrough`: forward the caller's own credentials to the upstream. */
    public static final Secret PASSTHROUGH = new Secret("passthrough", null, List.of());

    private final String value;
    /** Why there is no value (`file:line: what: environment variable X is not set`), or null when there is one. */
    private final String problem;
    private final List<String> missing;

    private Secret(String value, String problem, List<String> missing) {
        this.value = value;
        this.problem = problem;
        this.missing = missing;
    }

    public static Secret of(String value) {
        return "passthrough".equals(value) ? PASSTHROUGH : new Secret(Objects.requireNonNull(value), null, List.of());
    }

    /**
     * A secret whose environment variables are not set.
     *
     * @param problem the error {@link #reveal()} throws: where it is configured and which variable is missing
     * @param missing the names of the variables (never values)
     */
    public static Secret unresolved(String problem, List<String> missing) {
        return new Secret(null, Objects.requireNonNull(problem), List.copyOf(missing));
    }

    /** False for a secret whose environment variable was not set. */
    public boolean isResolved() {
        return value != null;
    }

    /** The value; for an unresolved secret a {@link ConfigException} saying which variable to set. */
    public String reveal() {
        if (value == null) throw new ConfigException(problem + "; set it, or remove the setting");
        return value;
    }

    public boolean isPassthrough() {
        return this == PASSTHROUGH;
    }

    /** Constant-time comparison against what a caller presented; an unresolved secret matches nothing. */
    public boolean matches(String presented) {
        if (presented == null || value == null) return false;
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        if (isPassthrough()) return "passthrough";
        if (value == null) return "from " + String.join(", ", missing) + ", which " + (missing.size() == 1 ? "is" : "are") + " not set";
        return value.length() <= 8 ? "****" : value.substring(0, 3) + "****" + value.substring(value.length() - 2);
    }
}
