package dev.baton.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typing of plain (unquoted) YAML scalars the way LiteLLM's PyYAML (YAML 1.1) sees them. snakeyaml-engine
 * implements YAML 1.2, where `True` or `yes` are strings, so we type scalars ourselves.
 */
final class Scalars {
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUE_11 = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSE_11 = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F_]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\d[\\d_]*(\\.[\\d_]*)?|\\.\\d[\\d_]*)([eE][-+]?\\d+)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private Scalars() {
    }

    /** A plain scalar as PyYAML would load it: null, Boolean, Long, Double or String. */
    static Object typePlain(String s) {
        if (NULLS.contains(s)) return null;
        if (TRUE_11.contains(s)) return Boolean.TRUE;
        if (FALSE_11.contains(s)) return Boolean.FALSE;
        try {
            if (INT.matcher(s).matches()) return Long.parseLong(s.replace("_", ""));
            if (HEX.matcher(s).matches()) return Long.parseLong(s.substring(2).replace("_", ""), 16);
            if (FLOAT.matcher(s).matches()) return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException tooLarge) {
            return s;
        }
        if (SPECIAL_FLOAT.matcher(s).matches()) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.contains("nan")) return Double.NaN;
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return s;
    }

    /** Where a boolean is expected we are more lenient than PyYAML and also take y/n, in any case. */
    static Optional<Boolean> bool(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y" -> Optional.of(true);
            case "false", "no", "off", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** How a value is named in "expected X, got Y" messages. */
    static String kind(Object v) {
        if (v == null) return "nothing";
        if (v instanceof Boolean) return "a boolean";
        if (v instanceof Number) return "a number";
        if (v instanceof String) return "text";
        if (v instanceof java.util.Map) return "a mapping";
        if (v instanceof java.util.List) return "a list";
        return v.getClass().getSimpleName();
    }
}
