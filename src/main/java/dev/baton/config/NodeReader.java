package dev.baton.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed reads from the YAML node tree. Every error and warning is prefixed with `file:line` of the node
 * concerned. Messages name keys and environment variables, but never echo a value that came from the
 * environment, so secrets cannot leak through them.
 */
final class NodeReader {
    /** A mapping entry with its key node, so warnings about a key point at the key's line. */
    record Entry(Node key, Node value) {
    }

    private final Path file;
    private final EnvResolver env;
    /** Warnings with their line, so they can be reported in file order although sections are read out of order. */
    private record Warning(int line, String text) {
    }

    private final List<Warning> warnings = new ArrayList<>();

    NodeReader(Path file, EnvResolver env) {
        this.file = file;
        this.env = env;
    }

    List<String> warnings() {
        return warnings.stream().sorted(java.util.Comparator.comparingInt(Warning::line)).map(Warning::text).toList();
    }

    String at(Node node) {
        return YamlSource.location(file, YamlSource.line(node));
    }

    void warn(Node node, String message) {
        warnings.add(new Warning(YamlSource.line(node), at(node) + ": " + message));
    }

    ConfigException error(Node node, String message) {
        return new ConfigException(at(node) + ": " + message);
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && s.isPlain() && Scalars.typePlain(s.getValue()) == null;
    }

    // ---- structure ----

    /** Entries of a mapping in file order; an empty map for a missing or null node. Handles `<<` merge keys. */
    Map<String, Entry> mapping(Node node, String what) {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (isNull(node)) return out;
        if (!(node instanceof MappingNode map)) throw error(node, what + " must be a mapping, got " + describe(node));
        Map<String, Entry> merged = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = key(t.getKeyNode(), what);
            if (key.equals("<<")) {
                // YAML 1.1 merge keys (PyYAML supports them, so LiteLLM configs use them with anchors).
                List<Node> sources = t.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(t.getValueNode());
                for (Node source : sources) {
                    mapping(source, what + " merge (<<)").forEach(merged::putIfAbsent);
                }
                continue;
            }
            if (out.containsKey(key)) warn(t.getKeyNode(), what + ": duplicate key '" + key + "'; the last one wins");
            out.put(key, new Entry(t.getKeyNode(), t.getValueNode()));
        }
        merged.forEach(out::putIfAbsent);
        return out;
    }

    private String key(Node keyNode, String what) {
        if (!(keyNode instanceof ScalarNode s)) throw error(keyNode, what + ": keys must be plain text, got " + describe(keyNode));
        return s.getValue();
    }

    /** The value node under key, or null. */
    static Node get(Map<String, Entry> m, String key) {
        Entry e = m.get(key);
        return e == null ? null : e.value();
    }

    /** Items of a list; empty for a missing or null node. */
    List<Node> sequence(Node node, String what) {
        if (isNull(node)) return List.of();
        if (!(node instanceof SequenceNode seq)) throw error(node, what + " must be a list, got " + describe(node));
        return seq.getValue();
    }

    void warnUnknown(Map<String, Entry> entries, Set<String> known, String section) {
        entries.forEach((k, e) -> {
            if (!known.contains(k)) {
                warn(e.key(), section + "." + k + " is not used by Baton; ignored"
                        + Suggestion.closest(k, known).map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
        });
    }

    // ---- scalars ----

    /**
     * A scalar's value: plain scalars typed as PyYAML would (YAML 1.1); quoted ones stay text. A scalar with an
     * environment reference is resolved first, then typed as if the result had been written plainly, so that
     * `rpm: ${RPM}` still gives a number.
     */
    private Object scalar(Node node, String what) {
        if (node == null) return null;
        if (!(node instanceof ScalarNode s)) throw error(node, what + ": expected a single value, got " + describe(node));
        String raw = s.getValue();
        if (EnvResolver.hasReference(raw)) {
            String resolved = resolveOrFail(node, raw, what);
            return Scalars.typePlain(resolved);
        }
        return s.isPlain() ? Scalars.typePlain(raw) : raw;
    }

    private String resolveOrFail(Node node, String raw, String what) {
        EnvResolver.Resolved r = env.resolve(raw);
        if (!r.ok()) throw error(node, what + ": environment variable " + String.join(", ", r.missing()) + " is not set");
        return r.value();
    }

    /**
     * Text, or null if absent. A number or a true/false where text is needed is an error (quote it to mean
     * text); yes/no/on/off are booleans only to PyYAML and are harmless as text, so they pass.
     */
    String text(Node node, String what) {
        if (isNull(node)) return null;
        if (!(node instanceof ScalarNode s)) throw error(node, what + ": expected text, got " + describe(node));
        String raw = s.getValue();
        if (EnvResolver.hasReference(raw)) return resolveOrFail(node, raw, what);
        if (s.isPlain() && isNotText(raw)) {
            throw error(node, what + ": expected text, got " + shown(node, Scalars.typePlain(raw)) + "; quote it if you mean the text");
        }
        return raw;
    }

    /** Text that may also be written as a number (an id like `1`), returned as text. */
    String label(Node node, String what) {
        if (node instanceof ScalarNode s && s.isPlain() && Scalars.typePlain(s.getValue()) instanceof Number) return s.getValue();
        return text(node, what);
    }

    private static boolean isNotText(String plain) {
        Object typed = Scalars.typePlain(plain);
        return typed instanceof Number || typed instanceof Boolean && (plain.equalsIgnoreCase("true") || plain.equalsIgnoreCase("false"));
    }

    Integer integer(Node node, String what) {
        Object v = scalar(node, what);
        if (v == null) return null;
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return l.intValue();
        throw error(node, what + ": expected an integer, got " + shown(node, v));
    }

    Boolean bool(Node node, String what) {
        Object v = scalar(node, what);
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) {
            var b = Scalars.bool(s);
            if (b.isPresent()) return b.get();
        }
        throw error(node, what + ": expected true/false (or yes/no, on/off), got " + shown(node, v));
    }

    Duration duration(Node node, String what) {
        Object v = scalar(node, what);
        if (v == null) return null;
        var d = v instanceof Number n ? Durations.ofSeconds(n) : v instanceof String s ? Durations.parse(s) : java.util.Optional.<Duration>empty();
        return d.orElseThrow(() -> error(node, what + ": expected a duration (seconds, or like 500ms, 30s, 5m, 1h), got " + shown(node, v)));
    }

    /**
     * A credential such as master_key: like {@link #text}, but errors never show the value, and a missing environment
     * variable leaves the secret unresolved with a warning: only the commands that use it fail ({@link Secret#reveal()}).
     */
    Secret secret(Node node, String what) {
        if (isNull(node)) return null;
        if (node instanceof ScalarNode s && EnvResolver.hasReference(s.getValue())) {
            EnvResolver.Resolved r = env.resolve(s.getValue());
            if (!r.ok()) {
                String problem = what + ": environment variable " + String.join(", ", r.missing()) + " is not set";
                warn(node, problem + "; commands that need it (such as baton serve) stop with this error");
                return Secret.unresolved(at(node) + ": " + problem, r.missing());
            }
        }
        if (node instanceof ScalarNode s && !EnvResolver.hasReference(s.getValue()) && s.isPlain() && isNotText(s.getValue())) {
            throw error(node, what + ": expected text, got " + Scalars.kind(Scalars.typePlain(s.getValue())) + "; quote it if you mean the text");
        }
        String value = text(node, what);
        return value == null ? null : Secret.of(value);
    }

    /** The api_key field: a missing environment variable leaves the key unset with a warning, not an error. */
    Secret apiKey(Node node, String what) {
        if (isNull(node)) return null;
        if (!(node instanceof ScalarNode s)) throw error(node, what + ": expected text, got " + describe(node));
        String raw = s.getValue();
        if (!EnvResolver.hasReference(raw)) {
            if (s.isPlain() && isNotText(raw)) {
                // No value in the message: this is a key, even if a malformed one.
                throw error(node, what + ": expected text, got " + Scalars.kind(Scalars.typePlain(raw)) + "; quote it if you mean the text");
            }
            return Secret.of(raw);
        }
        EnvResolver.Resolved r = env.resolve(raw);
        if (!r.ok()) {
            warn(node, what + ": environment variable " + String.join(", ", r.missing()) + " is not set; the key is left unset");
            return null;
        }
        if (r.value().isEmpty()) {
            warn(node, what + ": the environment variable is empty; the key is left unset");
            return null;
        }
        return Secret.of(r.value());
    }

    /** Any node as plain Java values (LinkedHashMap, ArrayList, String, Long, Double, Boolean, null), env resolved. */
    Object value(Node node, String what) {
        if (node instanceof MappingNode) {
            Map<String, Object> out = new LinkedHashMap<>();
            mapping(node, what).forEach((k, e) -> out.put(k, value(e.value(), what + "." + k)));
            return out;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) out.add(value(seq.getValue().get(i), what + "[" + i + "]"));
            return out;
        }
        if (node instanceof ScalarNode s) {
            String raw = s.getValue();
            // A resolved reference stays text (as in LiteLLM): only the section readers above retype it.
            if (EnvResolver.hasReference(raw)) return resolveOrFail(node, raw, what);
            return s.isPlain() ? Scalars.typePlain(raw) : raw;
        }
        return null;
    }

    Map<String, Object> valueMap(Node node, String what) {
        Map<String, Object> out = new LinkedHashMap<>();
        mapping(node, what).forEach((k, e) -> out.put(k, value(e.value(), what + "." + k)));
        return out;
    }

    // ---- messages ----

    /** A value for an error message: the raw YAML text, unless it came from the environment (could be a secret). */
    private static String shown(Node node, Object v) {
        if (node instanceof ScalarNode s && !EnvResolver.hasReference(s.getValue())) {
            return Scalars.kind(v) + " (" + abbreviate(s.getValue()) + ")";
        }
        return Scalars.kind(v) + " (from an environment variable)";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof ScalarNode s) return s.isPlain() ? Scalars.kind(Scalars.typePlain(s.getValue())) : "text";
        return "nothing";
    }
}
