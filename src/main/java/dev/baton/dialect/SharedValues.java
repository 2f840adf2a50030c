package dev.baton.dialect;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Large values that come back byte for byte turn after turn (a coding agent's tools: 50 KB of an 83 KB Claude Code
 * turn; the earlier messages of its conversation, {@link #history()}), parsed once and then shared, read-only, by every
 * request that sends them; and what is derived from them (their canonical form, their encoding for a target)
 * remembered beside them. A request with new bytes parses them as before: the memo is keyed by the exact bytes, so it
 * can only save work, never change a result.
 *
 * <p>A value is kept the second time its bytes come. Shared nodes must not be modified: upstreams change a caller's
 * tree only at its top level, in a {@link #topLevelCopy}, and copy a value before they change what is inside it. Up to
 * {@link #MAX_BYTES} of JSON is remembered (twice that for the history), then everything is forgotten at once (one
 * cold turn per agent).
 */
public final class SharedValues {
    /** Values smaller than this are cheaper to parse than to look up. */
    static final int MIN_BYTES = 4 * 1024;
    /**
     * The same for the elements of a conversation's history, which are looked up one by one: below this a message is
     * parsed faster than its bytes are copied, hashed and kept. Above it a lookup (a hash, a probe, a compare: about
     * 0.1 µs) costs a fraction of parsing a short message (a tool result's "ok", a short reply) with a parser of its
     * own (0.6 µs for 230 bytes), and what was decoded from it comes along.
     */
    static final int MIN_ELEMENT_BYTES = 64;
    private static final long MAX_BYTES = 1L << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final SharedValues SHARED = new SharedValues(MAX_BYTES);
    /** A memo of its own, so that long conversations do not push a session's tools out. */
    private static final SharedValues HISTORY = new SharedValues(2 * MAX_BYTES);

    private final long maxBytes;
    private final Map<Bytes, Entry> byBytes = new ConcurrentHashMap<>();
    /** Values made from a key equal to an earlier one ({@link #byValue}), by key. */
    private final Map<Object, Entry> byValue = new ConcurrentHashMap<>();
    /** Shared nodes and the values derived from them, by identity, to the entry they belong to. */
    private final Map<Same, Entry> byIdentity = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();
    private final Sightings sightings = new Sightings();

    SharedValues(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public static SharedValues shared() {
        return SHARED;
    }

    /**
     * The messages of conversations: a coding agent sends its whole history with every turn, so all but the last
     * message or two of a turn were in the turn before, and what was parsed and decoded for them then serves again.
     */
    public static SharedValues history() {
        return HISTORY;
    }

    /** How a value is parsed from {@code json[start, start + length)}: {@code Json.MAPPER::readTree}. */
    @FunctionalInterface
    interface Parse {
        JsonNode parse(byte[] json, int start, int length);
    }

    /**
     * The value in {@code json[start, end)}, parsed by {@code parse} unless the same bytes were seen before. The bytes
     * are looked up where they are and copied only to be kept.
     */
    JsonNode node(byte[] json, int start, int end, Parse parse) {
        Bytes view = Bytes.of(json, start, end);
        JsonNode known = known(view);
        return known != null ? known : offer(view, parse.parse(json, start, end - start));
    }

    /** The node kept for these bytes, or null. */
    JsonNode known(Bytes bytes) {
        Entry e = byBytes.get(bytes);
        return e == null ? null : e.node;
    }

    /**
     * {@code node}, just parsed from {@code bytes}, which were not {@link #known}: kept from their second sighting on.
     * Values that never come back (a client whose tools change every call) cost a lookup, not a memo full of trees
     * that the collector then has to move to the old generation.
     */
    JsonNode offer(Bytes bytes, JsonNode node) {
        if (sightings.first(Bytes.hash(bytes.b, bytes.from, bytes.to))) return node; // all of it: edges alike are not a sighting
        Bytes key = bytes.copy();
        hold(key.length());
        Entry e = new Entry(node);
        byBytes.put(key, e);
        byIdentity.put(new Same(node), e);
        return node;
    }

    /** Counts {@code size} more bytes kept; past the bound, forgets everything first. */
    private void hold(long size) {
        if (held.addAndGet(size) > maxBytes) { // rare: concurrent clears may lose a few entries, never the bound
            byBytes.clear();
            byIdentity.clear();
            byValue.clear();
            held.set(size);
        }
    }

    /**
     * What {@code make} makes, remembered for an equal {@code key} from the second time one comes, and shared like a
     * parsed value (never to be modified; written as its serialization, made once): for what a request builds anew
     * though it is the same every turn, say a session's system prompt joined into one message for a target. {@code size}
     * (about the key's bytes) counts against the bound.
     */
    public JsonNode byValue(Object key, long size, Supplier<JsonNode> make) {
        Entry known = byValue.get(key);
        if (known != null) return known.node;
        JsonNode made = make.get();
        if (sightings.first(key.hashCode())) return made;
        hold(size);
        Entry e = new Entry(made);
        byValue.put(key, e);
        byIdentity.put(new Same(made), e);
        return made;
    }

    /**
     * What {@code derive} makes of {@code from}, remembered when {@code from} is a shared node or was itself derived
     * from one; {@code what} names the derivation, which must depend on nothing but {@code from}. The elements of a
     * derived list count as derived too (a message's encoded parts, each written as the serialization made of it once).
     * For any other value this is just {@code derive.apply(from)}.
     */
    @SuppressWarnings("unchecked")
    public <T, R> R derive(T from, String what, Function<T, R> derive) {
        Same source = new Same(from);
        Entry e = from == null ? null : byIdentity.get(source);
        if (e == null) return derive.apply(from);
        Derivation key = new Derivation(source, what);
        Object known = e.derived.get(key);
        if (known != null) return (R) known;
        R value = derive.apply(from);
        if (value != null && e.derived.putIfAbsent(key, value) == null) {
            byIdentity.put(new Same(value), e);
            if (value instanceof List<?> parts) for (Object part : parts) byIdentity.put(new Same(part), e); // each written on its own
        }
        return value;
    }

    /**
     * {@code body} as JSON, written to {@code target}. Its top-level values that are shared nodes, and the elements of
     * its top-level arrays that are shared {@link #history()} nodes, go out as their serialization, made once per node:
     * the tools of a Claude Code turn are 50 KB of escaped text, its earlier messages and system prompt 35 KB more,
     * written again for every turn otherwise.
     */
    public void write(ObjectNode body, OutputStream target) {
        ObjectNode out = JsonNodeFactory.instance.objectNode(); // a shallow copy: the caller's body stays a tree
        boolean any = false;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            JsonNode written = isShared(value) ? derive(value, "json", SharedValues::serialized)
                    : HISTORY.serializedElements(value);
            any |= written != value;
            out.set(field.getKey(), written);
        }
        Json.MAPPER.writeValue(target, any ? out : body);
    }

    /** {@code value}, or for an array holding shared elements, a copy with those as their serialization. */
    private JsonNode serializedElements(JsonNode value) {
        if (!value.isArray()) return value;
        ArrayNode out = null;
        int k = 0;
        for (JsonNode element : value) {
            if (out == null && isShared(element)) { // the first shared one: the elements before it go as they are
                out = JsonNodeFactory.instance.arrayNode(value.size());
                for (int i = 0; i < k; i++) out.add(value.get(i));
            }
            if (out != null) out.add(isShared(element) ? derive(element, "json", SharedValues::serialized) : element);
            k++;
        }
        return out == null ? value : out;
    }

    /**
     * A copy of {@code body} whose top-level fields may be set or removed; its values are the body's own, shared or
     * not, and must not be changed.
     */
    public static ObjectNode topLevelCopy(ObjectNode body) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : body.properties()) out.set(field.getKey(), field.getValue());
        return out;
    }

    private static JsonNode serialized(JsonNode node) {
        SerializedString json = new SerializedString(Json.MAPPER.writeValueAsString(node));
        json.asUnquotedUTF8(); // encoded once here, not by every request that writes it
        return JsonNodeFactory.instance.rawValueNode(new RawValue(json));
    }

    /** Whether {@code value} is a shared node or derived from one. */
    boolean isShared(Object value) {
        return byIdentity.containsKey(new Same(value));
    }

    private static final class Entry {
        final JsonNode node;
        final Map<Derivation, Object> derived = new ConcurrentHashMap<>();

        Entry(JsonNode node) {
            this.node = node;
        }
    }

    /**
     * A value's bytes, {@code b[from, to)}, compared by content (comparing is vectorized by the JDK); a key in the map
     * holds its own copy, a lookup a view of the request's bytes. Its {@code hash} covers the value's length and its
     * first and last {@link #EDGE} bytes only: a lookup compares the whole value anyway, so hashing all of it too (50 KB
     * of tools, 33 KB of history every turn) bought nothing but fewer values sharing a hash.
     */
    record Bytes(byte[] b, int from, int to, int hash) {
        static final int EDGE = 64;

        static Bytes of(byte[] b, int from, int to) {
            return new Bytes(b, from, to, edges(b, from, to));
        }

        /** The lookup's hash: the whole of a short value; a long one's length and its first and last 64 bytes. */
        static int edges(byte[] b, int from, int to) {
            int n = to - from;
            if (n <= 4 * EDGE) return hash(b, from, to);
            return (hash(b, from, from + EDGE) * 31 + hash(b, to - EDGE, to)) * 31 + n;
        }

        Bytes copy() {
            return new Bytes(Arrays.copyOfRange(b, from, to), 0, to - from, hash);
        }

        int length() {
            return to - from;
        }

        /** Eight bytes at a time in four independent lanes, so that the multiplications overlap. */
        static int hash(byte[] b, int from, int to) {
            long h0 = 0, h1 = 0, h2 = 0, h3 = 0;
            int i = from;
            for (; i + 32 <= to; i += 32) {
                h0 = (h0 ^ (long) LONGS.get(b, i)) * MIX;
                h1 = (h1 ^ (long) LONGS.get(b, i + 8)) * MIX;
                h2 = (h2 ^ (long) LONGS.get(b, i + 16)) * MIX;
                h3 = (h3 ^ (long) LONGS.get(b, i + 24)) * MIX;
            }
            long h = (h0 * 31 + h1) * 31 + h2 * 7 + h3 + (to - from);
            for (; i < to; i++) h = (h ^ b[i]) * MIX;
            return (int) (h ^ (h >>> 29));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && other.hash == hash && Arrays.equals(other.b, other.from, other.to, b, from, to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What was made ({@code what}) of which value. */
    private record Derivation(Same from, String what) {
    }

    /** An object compared by identity: equal trees from different requests are different keys. */
    private record Same(Object ref) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Same other && other.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }
}
