package dev.baton.catalog;

/** Numbers as LiteLLM files and YAML configs write them: JSON numbers, or text, since YAML 1.1 reads `3e-6` as a string. */
public final class Numbers {
    private Numbers() {
    }

    /** The number, or null when there is none. */
    public static Double decimal(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The number rounded to a whole one (capped at Integer.MAX_VALUE), or null when there is none. */
    public static Integer whole(Object v) {
        Double d = decimal(v);
        return d == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.round(d));
    }

    /** A flag written as a boolean or as text ("true", "false"), or null when there is none. */
    static Boolean flag(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
        return null;
    }
}
