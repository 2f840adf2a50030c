package dev.baton.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads from one already-parsed `baton:` sub-section (plain maps, lists and scalars from the config loader),
 * with errors that name the key, e.g. `baton.journal.max_file_mb: expected a positive number, got text`.
 */
public final class SectionReader {
    private final String name;
    private final Map<String, Object> values;

    private SectionReader(String name, Map<String, Object> values) {
        this.name = name;
        this.values = values;
    }

    /** The sub-section {@code key} of `baton:`; empty when absent. */
    public static SectionReader of(Map<String, Object> batonSections, String key) {
        Object v = batonSections.get(key);
        if (v == null) return new SectionReader("baton." + key, Map.of());
        if (!(v instanceof Map<?, ?> m)) throw new ConfigException("baton." + key + ": expected a mapping, got " + kind(v));
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return new SectionReader("baton." + key, typed);
    }

    public boolean present() {
        return !values.isEmpty();
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Whether the value of {@code key} is a mapping (a sub-section), not a scalar or a list. */
    public boolean isMapping(String key) {
        return values.get(key) instanceof Map;
    }

    /** The mapping under {@code key}, read like a section of its own (errors name `baton.<section>.<key>.<field>`); empty when absent. */
    public SectionReader section(String key) {
        Object v = values.get(key);
        if (v == null) return new SectionReader(name + "." + key, Map.of());
        if (!(v instanceof Map<?, ?> m)) throw error(key, "a mapping", v);
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return new SectionReader(name + "." + key, typed);
    }

    /** The keys present, in file order. */
    public java.util.Set<String> keys() {
        return values.keySet();
    }

    /** Keys this section does not know, as warnings (unknown keys never stop Baton, as elsewhere in the config). */
    public List<String> unknownKeys(Set<String> known) {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!known.contains(k)) out.add(name + "." + k + ": unknown key, ignored (known: " + known.stream().sorted().toList() + ")");
        }
        return out;
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        throw error(key, "text", v);
    }

    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (Set.of("true", "yes", "on").contains(t)) return true;
            if (Set.of("false", "no", "off").contains(t)) return false;
        }
        throw error(key, "true or false", v);
    }

    public double positive(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) return n.doubleValue();
        throw error(key, "a positive number", v);
    }

    public int count(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Long n && n >= 0 && n <= 100) return n.intValue();
        throw error(key, "a whole number from 0 to 100", v);
    }

    public Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        Optional<Duration> d = v instanceof Number n ? Durations.ofSeconds(n) : v instanceof String s ? Durations.parse(s) : Optional.empty();
        return d.orElseThrow(() -> error(key, "a duration such as 30, 500ms, 5m", v));
    }

    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) return List.of();
        if (v instanceof String s) return List.of(s);
        if (!(v instanceof List<?> list)) throw error(key, "a list of text", v);
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) throw error(key, "a list of text", o);
            out.add(s);
        }
        return List.copyOf(out);
    }

    public ConfigException error(String key, String expected, Object got) {
        return new ConfigException(name + "." + key + ": expected " + expected + ", got " + kind(got));
    }

    public ConfigException error(String key, String message) {
        return new ConfigException(name + "." + key + ": " + message);
    }

    private static String kind(Object v) {
        if (v == null) return "nothing";
        if (v instanceof Boolean) return "a boolean";
        if (v instanceof Number) return "a number";
        if (v instanceof String) return "text";
        if (v instanceof Map) return "a mapping";
        if (v instanceof List) return "a list";
        return v.getClass().getSimpleName();
    }
}
