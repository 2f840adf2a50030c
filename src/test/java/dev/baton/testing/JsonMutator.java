package dev.baton.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * A structure-aware mutator for fuzzing JSON APIs: from a valid seed it makes hostile variants, one change each, so a
 * failure points at one field. Changes in the tree: a value replaced by an overflowing number, a non-finite or
 * NaN-like one, a value of the wrong JSON type, deep nesting, a very long, empty, blank or lone-surrogate string;
 * a field removed; a key duplicated; a value wrapped. Changes in the bytes: truncation, invalid UTF-8, a flipped byte.
 * Deterministic for a given {@link Random}, so a seed reproduces a run.
 */
public final class JsonMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Names a duplicated key before the bytes are patched: a control character no seed uses in a key. */
    private static final String DUPLICATE_MARK = "\u0001dup";

    /** Raw JSON values that break parsers, decoders and translators in the wild. */
    private static final List<String> HOSTILE = List.of(
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "2147483648", "-2147483649", "4294967296",
            "1e30", "1e308", "-1e308", "1e400", "-1e400", "1e-400", "-0", "-0.0", "0", "-1", "0.5", "1.0", "1E+2",
            "1" + "0".repeat(1200), "0." + "1".repeat(1200),
            "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e30\"", "\"9223372036854775808\"", "\"\"", "\"   \"", "\"\\t\\n\"",
            "\"\\ud800\"", "\"\\udc00x\"", "\"a\\ud800b\"", "\"\\ud800\\ud800\"", "\"\\u0000\"",
            "null", "true", "false", "{}", "[]", "[null]", "{\"\":null}", "[1,\"a\",{},[]]", "\"x\"", "42", "{\"type\":5}",
            "[{\"type\":\"text\",\"text\":5}]", "[{\"role\":\"user\",\"content\":{}}]");

    private final Random random;

    public JsonMutator(Random random) {
        this.random = random;
    }

    /** A body to send and what was done to it, for the failure message. */
    public record Mutant(String what, byte[] body) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return what + ": " + (text.length() > 300 ? text.substring(0, 300) + "... (" + body.length + " bytes)" : text);
        }
    }

    /** One hostile variant of {@code seed}. */
    public Mutant mutate(JsonNode seed) {
        int kind = random.nextInt(100);
        if (kind < 70) return inTree(seed.deepCopy());
        byte[] bytes = Json.write(seed).getBytes(StandardCharsets.UTF_8);
        if (kind < 80) return truncated(bytes);
        if (kind < 90) return badUtf8(bytes);
        if (kind < 95) return loneSurrogateEscape(bytes);
        return flipped(bytes);
    }

    /** A very long value: a single 2 MiB word, or 200 KB of words, the kind that exhausts tokenizers. */
    public String longString() {
        return random.nextBoolean() ? "\"" + "A".repeat(2 << 20) + "\"" : "\"" + "lorem ipsum ".repeat(17_000) + "\"";
    }

    private Mutant inTree(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        if (slots.isEmpty()) return new Mutant("seed unchanged", Json.write(root).getBytes(StandardCharsets.UTF_8));
        Slot s = slots.get(random.nextInt(slots.size()));
        int op = random.nextInt(100);
        String what;
        if (op < 50) {
            String raw = hostile();
            s.set(NODES.rawValueNode(new RawValue(raw)));
            what = s.path + " = " + abbreviate(raw);
        } else if (op < 62) {
            s.remove();
            what = "removed " + s.path;
        } else if (op < 72 && s.parent instanceof ObjectNode o) {
            String raw = hostile();
            o.set(DUPLICATE_MARK, NODES.rawValueNode(new RawValue(raw)));
            String json = Json.write(root).replace("\"\\u0001dup\"", Json.write(NODES.stringNode(s.key)));
            return new Mutant("duplicate key " + s.path + " = " + abbreviate(raw), json.getBytes(StandardCharsets.UTF_8));
        } else if (op < 82) {
            String raw = nested(1 + random.nextInt(700));
            s.set(NODES.rawValueNode(new RawValue(raw)));
            what = s.path + " nested " + depth(raw) + " deep";
        } else if (op < 90) {
            ArrayNode wrapped = NODES.arrayNode().add(s.get());
            s.set(random.nextBoolean() ? wrapped : NODES.objectNode().set("value", s.get()));
            what = "wrapped " + s.path;
        } else if (op < 95) {
            String raw = "\"" + "x".repeat(100_000) + "\"";
            s.set(NODES.rawValueNode(new RawValue(raw)));
            what = s.path + " = 100,000 characters";
        } else {
            s.set(NODES.stringNode(random.nextBoolean() ? "" : " "));
            what = s.path + " = blank";
        }
        return new Mutant(what, Json.write(root).getBytes(StandardCharsets.UTF_8));
    }

    private String hostile() {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    private String nested(int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) b.append(arrays ? "[" : "{\"a\":");
        b.append("1");
        for (int i = 0; i < depth; i++) b.append(arrays ? "]" : "}");
        return b.toString();
    }

    private static int depth(String nested) {
        int d = 0;
        while (d < nested.length() && (nested.charAt(d) == '[' || nested.charAt(d) == '{')) d += nested.charAt(d) == '[' ? 1 : 5;
        return nested.charAt(0) == '[' ? d : d / 5;
    }

    private Mutant truncated(byte[] bytes) {
        int at = random.nextInt(bytes.length);
        return new Mutant("truncated at byte " + at, Arrays.copyOf(bytes, at));
    }

    /** An invalid UTF-8 sequence inside a string (after a quote): a stray continuation, an overlong form, an encoded surrogate. */
    private Mutant badUtf8(byte[] bytes) {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC3}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int at = afterQuote(bytes);
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return new Mutant("invalid UTF-8 " + hex(insert) + " at byte " + at, out);
    }

    private Mutant loneSurrogateEscape(byte[] bytes) {
        int at = afterQuote(bytes);
        String escape = random.nextBoolean() ? "\\ud83d" : "\\ude00";
        String text = new String(bytes, 0, at, StandardCharsets.ISO_8859_1) + escape + new String(bytes, at, bytes.length - at, StandardCharsets.ISO_8859_1);
        return new Mutant("lone surrogate " + escape + " at byte " + at, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Mutant flipped(byte[] bytes) {
        byte[] out = bytes.clone();
        int at = random.nextInt(out.length);
        out[at] = (byte) random.nextInt(256);
        return new Mutant("byte " + at + " = 0x" + Integer.toHexString(out[at] & 0xFF), out);
    }

    /** A position just after a random double quote (inside a string, or just after one), else a random one. */
    private int afterQuote(byte[] bytes) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == '"') quotes.add(i + 1);
        return quotes.isEmpty() ? random.nextInt(bytes.length + 1) : quotes.get(random.nextInt(quotes.size()));
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) b.append(String.format("%02X", x & 0xFF));
        return b.toString();
    }

    private static String abbreviate(String raw) {
        return raw.length() > 40 ? raw.substring(0, 20) + "...(" + raw.length() + " chars)" : raw;
    }

    /** Every value in the tree, with how to replace or remove it. */
    private static void collect(JsonNode node, String path, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (String key : List.copyOf(o.propertyNames())) {
                out.add(new Slot(o, key, -1, path + "." + key));
                collect(o.get(key), path + "." + key, out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i, path + "[" + i + "]"));
                collect(a.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private record Slot(JsonNode parent, String key, int index, String path) {
        JsonNode get() {
            return parent instanceof ObjectNode o ? o.get(key) : ((ArrayNode) parent).get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) o.set(key, value);
            else ((ArrayNode) parent).set(index, value);
        }

        void remove() {
            if (parent instanceof ObjectNode o) o.remove(key);
            else ((ArrayNode) parent).remove(index);
        }
    }
}
