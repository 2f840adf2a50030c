package dev.baton.dialect;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Large top-level values that come back byte for byte turn after turn (a coding agent's tools: 50 KB of an 83 KB
 * Claude Code turn), parsed once and then shared, read-only, by every request that sends them; and what is derived
 * from them (their canonical form, their encoding for a target) remembered beside them. A request with new bytes
 * parses them as before: the memo is keyed by the exact bytes, so it can only save work, never change a result.
 *
 * <p>A value is kept the second time its bytes come. Shared nodes must not be modified: upstreams copy the caller's
 * tree with {@link #copy} before changing it. Up to {@link #MAX_BYTES} of JSON is remembered, then everything is
 * forgotten at once (one cold turn per agent).
 */
public final class SharedValues {
    /** Values smaller than this are cheaper to parse than to look up. */
    static final int MIN_BYTES = 4 * 1024;
    private static final long MAX_BYTES = 1L << 20;
    private static final int MAX_SEEN = 4096;
    private static final SharedValues SHARED = new SharedValues(MAX_BYTES);

    private final long maxBytes;
    private final Map<Bytes, Entry> byBytes = new ConcurrentHashMap<>();
    /** Shared nodes and the values derived from them, by identity, to the entry they belong to. */
    private final Map<Same, Entry> byIdentity = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();
    /** The hashes of values seen once. */
    private final Set<Integer> seen = ConcurrentHashMap.newKeySet();

    SharedValues(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public static SharedValues shared() {
        return SHARED;
    }

    /** The value in {@code json[start, end)}, parsed by {@code parse} unless the same bytes were seen before. */
    JsonNode node(byte[] json, int start, int end, Function<Bytes, JsonNode> parse) {
        Bytes key = new Bytes(Arrays.copyOfRange(json, start, end));
        Entry known = byBytes.get(key);
        if (known != null) return known.node;
        JsonNode node = parse.apply(key);
        // kept from the second sighting on: values that never come back (a client whose tools change every call)
        // cost a lookup, not a memo full of trees that the collector then has to move to the old generation
        if (seen.add(key.hash)) {
            if (seen.size() > MAX_SEEN) seen.clear();
            return node;
        }
        if (held.addAndGet(key.b.length) > maxBytes) { // rare: concurrent clears may lose a few entries, never the bound
            byBytes.clear();
            byIdentity.clear();
            held.set(key.b.length);
        }
        Entry e = new Entry(node);
        byBytes.put(key, e);
        byIdentity.put(new Same(node), e);
        return node;
    }

    /**
     * What {@code derive} makes of {@code from}, remembered when {@code from} is a shared node or was itself derived
     * from one; {@code what} names the derivation, which must depend on nothing but {@code from}. For any other value
     * this is just {@code derive.apply(from)}.
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
        if (value != null && e.derived.putIfAbsent(key, value) == null) byIdentity.put(new Same(value), e);
        return value;
    }

    /**
     * {@code body} as JSON. Its top-level values that are shared nodes go out as their serialization, made once per
     * node: the tools of a Claude Code turn are 50 KB of escaped text, written again for every turn otherwise.
     */
    public byte[] write(ObjectNode body) {
        boolean any = false;
        for (Map.Entry<String, JsonNode> field : body.properties()) any |= isShared(field.getValue());
        if (!any) return Json.MAPPER.writeValueAsBytes(body);
        ObjectNode out = JsonNodeFactory.instance.objectNode(); // a shallow copy: the caller's body stays a tree
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            out.set(field.getKey(), isShared(value) ? derive(value, "json", SharedValues::serialized) : value);
        }
        return Json.MAPPER.writeValueAsBytes(out);
    }

    /** A copy of {@code body} to change: its shared values stay shared (and are never changed), the rest is copied deep. */
    public ObjectNode copy(ObjectNode body) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            out.set(field.getKey(), isShared(value) ? value : value.deepCopy());
        }
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

    /** A copy of a value's bytes, compared by content (hashing and comparing are vectorized by the JDK). */
    record Bytes(byte[] b, int hash) {
        Bytes(byte[] b) {
            this(b, Arrays.hashCode(b));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && other.hash == hash && Arrays.equals(other.b, b);
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
