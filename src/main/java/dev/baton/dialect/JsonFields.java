package dev.baton.dialect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON object's top-level fields, located in its bytes by one validating pass that builds no tree. A same-dialect
 * request needs only a few small fields (model, stream, max_tokens, metadata) before it goes upstream as it came;
 * building the tree of an 80 KB Claude Code turn costs several times this pass and hundreds of kilobytes of garbage.
 * The pass checks the whole document against RFC 8259, so invalid JSON is refused here as it would be by a parser.
 */
public final class JsonFields {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_DEPTH = 500;
    private static final int OWN_TREE_BYTES = 1 << 20;
    private static final ScannedValues SCANNED = ScannedValues.scanned();
    /**
     * Top-level fields that a client sends unchanged with every turn of a conversation (Anthropic and OpenAI). Not
     * `system`: Claude Code's starts with a billing line whose hash changes with every request.
     */
    private static final Set<String> REPEATING = Set.of("tools");
    /**
     * Top-level arrays whose elements come back turn after turn: a conversation's history, sent whole with every turn
     * (`messages`, in Anthropic's and OpenAI's dialects), and Anthropic's `system` blocks (Claude Code's billing line,
     * which changes with every request, is a block of its own or a line of the first). The scan notes where each
     * element of these is.
     */
    private static final Set<String> REPEATING_ELEMENTS = Set.of("messages", "system");

    private final byte[] json;
    /** key → value span, start in the high half, end (exclusive) in the low half. */
    private final Map<String, Long> spans;
    private final boolean duplicateKeys;
    /** Values already parsed by {@link #node}; a request reads the same few fields several times, on one thread. */
    private Map<String, JsonNode> parsed;

    /** The top-level keys whose values hold the watched string; null when the scan watched for none. */
    private final java.util.Set<String> watchedIn;

    /**
     * Per key of {@link #REPEATING_ELEMENTS} whose value is an array, its elements' spans in order (packed as in
     * {@link #spans}).
     */
    private final Map<String, long[]> elementSpans;

    private JsonFields(byte[] json, Map<String, Long> spans, boolean duplicateKeys, java.util.Set<String> watchedIn,
                       Map<String, long[]> elementSpans) {
        this.json = json;
        this.spans = spans;
        this.elementSpans = elementSpans;
        this.duplicateKeys = duplicateKeys;
        this.watchedIn = watchedIn;
    }

    /** Thrown for bytes that are not one valid JSON value, or not an object. */
    public static final class Invalid extends IllegalArgumentException {
        private final boolean notAnObject;

        Invalid(String message, boolean notAnObject) {
            super(message);
            this.notAnObject = notAnObject;
        }

        /** Valid JSON, but not an object. */
        public boolean notAnObject() {
            return notAnObject;
        }
    }

    /** Scans {@code json}, which must hold exactly one JSON object (whitespace around it allowed). */
    public static JsonFields of(byte[] json) {
        return of(json, null);
    }

    /**
     * Scans {@code json} and notes, for {@link #mayHold}, which top-level values hold the JSON string {@code watched}
     * (a block type a caller must act on, say): the check rides on the scan and costs next to nothing.
     */
    public static JsonFields of(byte[] json, String watched) {
        return new Scanner(json, watched).object();
    }

    public byte[] bytes() {
        return json;
    }

    /**
     * The whole object as a tree: by Jackson, or for a body of a megabyte or more by {@link JsonTree}, which needs a
     * fraction of the memory for long strings. Throws {@link InvalidRequestException} for JSON the parser refuses
     * although it is valid (past its limits on number length or nesting).
     */
    public ObjectNode tree() {
        try {
            if (json.length >= OWN_TREE_BYTES) return JsonTree.of(json);
            return duplicateKeys ? (ObjectNode) Json.MAPPER.readTree(json) : assembled();
        } catch (JacksonException e) {
            throw new InvalidRequestException("request body cannot be read: " + e.getOriginalMessage());
        }
    }

    /**
     * The tree built field by field, in the order the fields came; a large value that repeats from turn to turn
     * ({@link #REPEATING}) comes parsed from {@link SharedValues} when its bytes were seen before.
     */
    private ObjectNode assembled() {
        List<Map.Entry<String, Long>> inOrder = new ArrayList<>(spans.entrySet());
        inOrder.sort(Map.Entry.comparingByValue()); // the start is the high half of the span
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Long> field : inOrder) {
            String key = field.getKey();
            int start = (int) (field.getValue() >>> 32);
            int end = (int) (long) field.getValue();
            JsonNode value = scalar(start, end);
            long[] elements = elementSpans.get(key);
            if (value == null && elements != null) {
                value = repeatingElements(start, end, elements);
            } else if (value == null) {
                value = end - start >= SharedValues.MIN_BYTES && REPEATING.contains(key)
                        ? SharedValues.shared().node(json, start, end, Json.MAPPER::readTree)
                        : Json.MAPPER.readTree(json, start, end - start);
            }
            tree.set(key, value);
        }
        return tree;
    }

    /**
     * An array of {@link #REPEATING_ELEMENTS}, whose elements large enough to be worth it come parsed from
     * {@link SharedValues#history()} when their bytes were seen before (the earlier turns of a conversation). When none
     * was, the array is parsed in one go, as any other value (a conversation's first turn, a client that rewrites its
     * history).
     */
    private JsonNode repeatingElements(int start, int end, long[] spans) {
        SharedValues memo = SharedValues.history();
        SharedValues.Bytes[] large = new SharedValues.Bytes[spans.length];
        JsonNode[] known = new JsonNode[spans.length];
        boolean anyKnown = false;
        for (int k = 0; k < spans.length; k++) {
            int from = (int) (spans[k] >>> 32);
            int to = (int) spans[k];
            if (to - from < SharedValues.MIN_ELEMENT_BYTES) continue;
            large[k] = SharedValues.Bytes.of(json, from, to);
            known[k] = memo.known(large[k]);
            anyKnown |= known[k] != null;
        }
        if (!anyKnown) {
            JsonNode array = Json.MAPPER.readTree(json, start, end - start);
            for (int k = 0; k < large.length; k++) if (large[k] != null) memo.offer(large[k], array.get(k));
            return array;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode(spans.length);
        for (int k = 0; k < spans.length; k++) {
            int from = (int) (spans[k] >>> 32);
            int to = (int) spans[k];
            JsonNode element = known[k] != null ? known[k] : Json.MAPPER.readTree(json, from, to - from);
            array.add(large[k] != null && known[k] == null ? memo.offer(large[k], element) : element);
        }
        return array;
    }

    public boolean has(String key) {
        return spans.containsKey(key);
    }

    /** Whether some key appears twice; parsers disagree on which one wins, so such a body should be re-serialized. */
    public boolean duplicateKeys() {
        return duplicateKeys;
    }

    /** The value of top-level {@code key} parsed on its own (once: later calls return the same node), or null when absent. */
    public JsonNode node(String key) {
        Long span = spans.get(key);
        if (span == null) return null;
        if (parsed == null) parsed = new HashMap<>();
        JsonNode n = parsed.get(key);
        if (n == null) {
            int start = (int) (span >>> 32);
            int end = (int) (long) span;
            n = scalar(start, end);
            if (n == null) n = parse(key, start, end);
            parsed.put(key, n);
        }
        return n;
    }

    private JsonNode parse(String key, int start, int end) {
        try {
            return Json.MAPPER.readTree(json, start, end - start);
        } catch (JacksonException e) { // valid JSON past the parser's limits (a number of 2,000 digits)
            throw new InvalidRequestException(key + ": cannot be read: " + e.getOriginalMessage());
        }
    }

    /** The common small values without a parser: plain strings, booleans, null and integers; null for anything else. */
    private JsonNode scalar(int start, int end) {
        byte first = json[start];
        if (first == '"') {
            for (int k = start + 1; k < end - 1; k++) if (json[k] == '\\') return null;
            return JsonNodeFactory.instance.stringNode(new String(json, start + 1, end - start - 2, StandardCharsets.UTF_8));
        }
        if (first == 't') return JsonNodeFactory.instance.booleanNode(true);
        if (first == 'f') return JsonNodeFactory.instance.booleanNode(false);
        if (first == 'n') return JsonNodeFactory.instance.nullNode();
        if (end - start > 18) return null; // may not fit a long
        long v = 0;
        int k = first == '-' ? start + 1 : start;
        for (; k < end; k++) {
            byte c = json[k];
            if (c < '0' || c > '9') return null; // a fraction or exponent: the parser's business
            v = v * 10 + (c - '0');
        }
        v = first == '-' ? -v : v;
        return v == (int) v ? JsonNodeFactory.instance.numberNode((int) v) : JsonNodeFactory.instance.numberNode(v);
    }

    /** The first byte of the value of {@code key} ('"', '{', '[', a digit, ...), or 0 when absent. */
    public byte firstByte(String key) {
        Long span = spans.get(key);
        return span == null ? 0 : json[(int) (span >>> 32)];
    }

    /**
     * Whether the value of top-level {@code key} may hold the string the scan watched for ({@link #of(byte[], String)}):
     * true when the scan saw it there as a whole JSON string written without escapes, or watched for nothing.
     */
    public boolean mayHold(String key) {
        return watchedIn == null || watchedIn.contains(key);
    }

    /**
     * The bytes with the value of {@code key} replaced by the JSON string {@code value}, every other byte as it came;
     * null when the key is absent or appears twice.
     */
    public byte[] withString(String key, String value) {
        ByteBuffer[] parts = withStringParts(key, value);
        if (parts == null) return null;
        int length = 0;
        for (ByteBuffer p : parts) length += p.remaining();
        byte[] out = new byte[length];
        int at = 0;
        for (ByteBuffer p : parts) {
            p.get(p.position(), out, at, p.remaining());
            at += p.remaining();
        }
        return out;
    }

    /** {@link #withString} as three views (before, the new value, after), for a writer that need not join them. */
    public ByteBuffer[] withStringParts(String key, String value) {
        if (!spans.containsKey(key)) return null;
        return withValues(java.util.Map.of(key, Json.MAPPER.writeValueAsBytes(value)));
    }

    /**
     * The bytes with the values of top-level keys replaced by the given JSON texts, and keys that are absent added
     * first in the object; every other byte as it came. Views to write one after the other, or null when a key
     * appears twice.
     */
    public ByteBuffer[] withValues(java.util.Map<String, byte[]> values) {
        if (duplicateKeys) return null;
        java.util.List<ByteBuffer> parts = new java.util.ArrayList<>();
        java.util.TreeMap<Integer, java.util.Map.Entry<String, byte[]>> present = new java.util.TreeMap<>();
        StringBuilder added = new StringBuilder();
        for (java.util.Map.Entry<String, byte[]> e : values.entrySet()) {
            Long span = spans.get(e.getKey());
            if (span != null) present.put((int) (span >>> 32), e);
            else added.append(new String(Json.MAPPER.writeValueAsBytes(e.getKey()), java.nio.charset.StandardCharsets.UTF_8))
                    .append(':').append(new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).append(',');
        }
        int at = 0;
        if (!added.isEmpty()) {
            int open = 0;
            while (json[open] != '{') open++;
            if (spans.isEmpty()) added.setLength(added.length() - 1); // an empty object takes no comma
            parts.add(ByteBuffer.wrap(json, 0, open + 1));
            parts.add(ByteBuffer.wrap(added.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            at = open + 1;
        }
        for (var e : present.entrySet()) {
            int start = e.getKey();
            int end = (int) (long) spans.get(e.getValue().getKey());
            parts.add(ByteBuffer.wrap(json, at, start - at));
            parts.add(ByteBuffer.wrap(e.getValue().getValue()));
            at = end;
        }
        parts.add(ByteBuffer.wrap(json, at, json.length - at));
        return parts.toArray(ByteBuffer[]::new);
    }

    /** RFC 8259, iteratively over containers' contents but recursively over nesting (bounded by MAX_DEPTH). */
    private static final class Scanner {
        private final byte[] b;
        private final int n;
        private int i;

        private final byte[] watched;
        private final String watchedString;
        private final java.util.Set<String> watchedIn;
        /** How often the watched string was seen so far: whether a value held it is whether this moved. */
        private int watchedHits;
        private String top;
        /** Where the elements of an array of REPEATING_ELEMENTS are, while the scan is in it; null otherwise. */
        private long[] elements;
        private int elementCount;
        private final Map<String, long[]> elementSpans = new HashMap<>(4);

        Scanner(byte[] b, String watched) {
            this.b = b;
            this.n = b.length;
            this.watched = watched == null ? null : watched.getBytes(StandardCharsets.UTF_8);
            this.watchedString = watched;
            this.watchedIn = watched == null ? null : new java.util.HashSet<>();
        }

        JsonFields object() {
            space();
            if (i >= n) throw invalid("no content");
            if (b[i] != '{') {
                value(0);
                space();
                if (i < n) throw invalid("unexpected content after the value");
                throw new Invalid("a JSON object is required", true);
            }
            Map<String, Long> spans = new HashMap<>();
            boolean duplicates = false;
            i++;
            space();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    if (peek() != '"') throw invalid("expected a field name");
                    int keyStart = i;
                    top = null; // a top-level key is in no value
                    string();
                    String key = key(keyStart, i);
                    top = key;
                    space();
                    expect(':');
                    space();
                    int valueStart = i;
                    if (i < n && b[i] == '[' && REPEATING_ELEMENTS.contains(key)) {
                        elements = new long[16];
                        elementCount = 0;
                    }
                    if (REPEATING.contains(key)) knownOrValue(1);
                    else value(1);
                    if (elements != null) {
                        elementSpans.put(key, java.util.Arrays.copyOf(elements, elementCount));
                        elements = null;
                    }
                    if (spans.put(key, ((long) valueStart << 32) | i) != null) duplicates = true;
                    space();
                    byte c = peek();
                    i++;
                    if (c == '}') break;
                    if (c != ',') throw invalid(i - 1, "expected ',' or '}'");
                    space();
                }
            }
            space();
            if (i < n) throw invalid("unexpected content after the object");
            return new JsonFields(b, spans, duplicates, watchedIn, elementSpans);
        }

        private String key(int start, int end) {
            for (int k = start + 1; k < end - 1; k++) {
                if (b[k] == '\\') return Json.MAPPER.readTree(b, start, end - start).asString();
            }
            return new String(b, start + 1, end - start - 2, StandardCharsets.UTF_8);
        }

        private void value(int depth) {
            if (depth > MAX_DEPTH) throw invalid("nested deeper than " + MAX_DEPTH);
            byte c = peek();
            switch (c) {
                case '"' -> string();
                case '{' -> container(depth, '}', true);
                case '[' -> container(depth, ']', false);
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) number();
                    else throw invalid("unexpected character");
                }
            }
        }

        private void container(int depth, char close, boolean object) {
            i++;
            space();
            if (peek() == close) {
                i++;
                return;
            }
            while (true) {
                if (object) {
                    if (peek() != '"') throw invalid("expected a field name");
                    string();
                    space();
                    expect(':');
                    space();
                }
                int start = i;
                if (depth == 1 && elements != null) {
                    knownOrValue(depth + 1);
                    noteElement(start);
                } else {
                    value(depth + 1);
                }
                space();
                byte c = peek();
                i++;
                if (c == close) return;
                if (c != ',') throw invalid(i - 1, "expected ',' or '" + close + "'");
                space();
            }
        }

        /**
         * Moves past the value at i: at once when its bytes are a value validated before ({@link ScannedValues}: the
         * tools and the history that a coding agent sends again with every turn), by {@link #value} otherwise.
         */
        private void knownOrValue(int depth) {
            byte c = peek();
            ScannedValues.Known known = c == '{' || c == '[' ? SCANNED.at(b, i, depth, watchedString) : null;
            if (known != null) {
                if (known.holdsWatched()) watchedIn.add(top);
                i += known.bytes().length;
                return;
            }
            int start = i;
            int hits = watchedHits;
            value(depth);
            SCANNED.offer(b, start, i, depth, watchedString, watchedHits != hits);
        }

        private void noteElement(int start) {
            if (elementCount == elements.length) elements = java.util.Arrays.copyOf(elements, elementCount * 2);
            elements[elementCount++] = ((long) start << 32) | i;
        }

        /**
         * Moves past the string opening at i. Most of a request's bytes are inside strings, so this skips eight bytes
         * at a time while none is a quote, a backslash, a control character or outside ASCII; the rest is checked one
         * character at a time, UTF-8 sequences included (RFC 8259 requires UTF-8, and the parsers behind would refuse
         * the body later, or an upstream would).
         */
        private void string() {
            int open = i;
            i++;
            while (true) {
                while (i + 8 <= n) {
                    long w = (long) LONGS.get(b, i);
                    long q = w ^ 0x2222222222222222L;
                    long s = w ^ 0x5C5C5C5C5C5C5C5CL;
                    long found = ((q - 0x0101010101010101L) & ~q | (s - 0x0101010101010101L) & ~s
                            | (w - 0x2020202020202020L) & ~w | w) & 0x8080808080808080L;
                    if (found != 0) { // the lowest flagged byte is the first quote, backslash, control or non-ASCII byte
                        i += Long.numberOfTrailingZeros(found) >>> 3;
                        break;
                    }
                    i += 8;
                }
                if (i >= n) throw invalid("unterminated string");
                byte c = b[i];
                if (c == '"') {
                    if (watched != null && i - open - 1 == watched.length && top != null && watchedAt(open + 1)) {
                        watchedIn.add(top);
                        watchedHits++;
                    }
                    i++;
                    return;
                }
                if (c == '\\') {
                    escape();
                } else if (c < 0) {
                    utf8();
                } else if (c < 0x20) {
                    throw invalid("control character in a string (it must be escaped)");
                } else {
                    i++;
                }
            }
        }

        private boolean watchedAt(int at) {
            for (int k = 0; k < watched.length; k++) if (b[at + k] != watched[k]) return false;
            return true;
        }

        private void escape() {
            if (i + 1 >= n) throw invalid("unterminated string");
            byte e = b[i + 1];
            switch (e) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
                case 'u' -> {
                    int unit = unicodeEscape(i);
                    if (Character.isLowSurrogate((char) unit)) throw invalid("lone low surrogate \\u" + hex(unit) + " in a string");
                    i += 6;
                    if (Character.isHighSurrogate((char) unit)) { // must be the first half of a pair written as two escapes
                        int low = i + 1 < n && b[i] == '\\' && b[i + 1] == 'u' ? unicodeEscape(i) : -1;
                        if (!Character.isLowSurrogate((char) low)) throw invalid("no low surrogate after \\u" + hex(unit) + " in a string");
                        i += 6;
                    }
                }
                default -> throw invalid(i + 1, "bad escape");
            }
        }

        /** The code unit of the {@code \\uXXXX} escape starting at {@code at}. */
        private int unicodeEscape(int at) {
            if (at + 6 > n) throw invalid("unterminated string");
            int unit = 0;
            for (int k = at + 2; k < at + 6; k++) {
                int d = Character.digit(b[k], 16);
                if (d < 0) throw invalid(k, "bad \\u escape");
                unit = unit << 4 | d;
            }
            return unit;
        }

        private static String hex(int unit) {
            return String.format("%04x", unit);
        }

        /**
         * Moves past the UTF-8 sequence starting at i (its first byte is not ASCII): the shortest form of a code point
         * up to U+10FFFF that is not a surrogate, as RFC 3629 says.
         */
        private void utf8() {
            int lead = b[i] & 0xFF;
            int length;
            int low = 0x80; // the second byte's range, narrower after some leads (overlong forms, surrogates, > U+10FFFF)
            int high = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                if (lead == 0xE0) low = 0xA0;
                if (lead == 0xED) high = 0x9F;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                if (lead == 0xF0) low = 0x90;
                if (lead == 0xF4) high = 0x8F;
            } else {
                throw invalid("invalid UTF-8 byte 0x" + Integer.toHexString(lead) + " in a string");
            }
            if (i + length > n) throw invalid("truncated UTF-8 sequence in a string");
            for (int k = 1; k < length; k++) {
                int c = b[i + k] & 0xFF;
                if (c < low || c > high) throw invalid(i + k, "invalid UTF-8 sequence in a string");
                low = 0x80;
                high = 0xBF;
            }
            i += length;
        }

        private void number() {
            if (at(i) == '-') i++;
            if (at(i) == '0') {
                i++;
            } else if (!digits()) {
                throw invalid("bad number");
            }
            if (at(i) == '.') {
                i++;
                if (!digits()) throw invalid("bad number");
            }
            if (at(i) == 'e' || at(i) == 'E') {
                i++;
                if (at(i) == '+' || at(i) == '-') i++;
                if (!digits()) throw invalid("bad number");
            }
        }

        /** The byte at k, or 0 past the end (a number may end the input). */
        private byte at(int k) {
            return k < n ? b[k] : 0;
        }

        private boolean digits() {
            int start = i;
            while (i < n && b[i] >= '0' && b[i] <= '9') i++;
            return i > start;
        }

        private void literal(String word) {
            for (int k = 0; k < word.length(); k++) {
                if (i + k >= n || b[i + k] != word.charAt(k)) throw invalid("unexpected character");
            }
            i += word.length();
        }

        private void expect(char c) {
            if (peek() != c) throw invalid("expected '" + c + "'");
            i++;
        }

        private byte peek() {
            if (i >= n) throw invalid("unexpected end of input");
            return b[i];
        }

        private void space() {
            while (i < n) {
                byte c = b[i];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
                i++;
            }
        }

        private Invalid invalid(String what) {
            return invalid(i, what);
        }

        private Invalid invalid(int at, String what) {
            return new Invalid(what + " at byte " + at, false);
        }
    }
}
