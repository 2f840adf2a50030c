package dev.baton.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves environment references in config strings: LiteLLM's whole-scalar `os.environ/VAR`, and
 * shell-style `${VAR}` / `${VAR:-default}` anywhere inside a string. The environment is passed in
 * (not read from System.getenv) so loading is testable and reproducible.
 */
public final class EnvResolver {
    private static final String OS_ENVIRON = "os.environ/";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;

    public EnvResolver(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * @param value   the resolved text, or null if any variable was missing
     * @param missing names of the variables that were not set (never their values)
     */
    public record Resolved(String value, List<String> missing) {
        public boolean ok() {
            return missing.isEmpty();
        }
    }

    public static boolean hasReference(String text) {
        return text != null && (text.startsWith(OS_ENVIRON) || REFERENCE.matcher(text).find());
    }

    public Resolved resolve(String text) {
        if (text.startsWith(OS_ENVIRON)) {
            String name = text.substring(OS_ENVIRON.length()).trim();
            String v = env.get(name);
            return v == null ? new Resolved(null, List.of(name)) : new Resolved(v, List.of());
        }
        List<String> missing = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            // Shell semantics for ":-": the default also covers a variable that is set but empty.
            if (m.group(2) != null && (v == null || v.isEmpty())) v = m.group(2);
            if (v == null) {
                missing.add(m.group(1));
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return missing.isEmpty() ? new Resolved(out.toString(), List.of()) : new Resolved(null, List.copyOf(missing));
    }
}
