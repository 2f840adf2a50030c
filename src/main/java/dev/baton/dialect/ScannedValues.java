package dev.baton.dialect;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values that {@link JsonFields}'s scan found valid before, by their bytes: a coding agent sends its tools and the
 * earlier messages of its conversation byte for byte with every turn, and bytes that were one valid JSON value are
 * that value again wherever they come. Comparing them with the bytes kept (vectorized by the JDK) costs a fraction of
 * validating them again, character by character.
 *
 * <p>A value is found by the hash of its first {@link #PREFIX} bytes, then compared whole: objects and arrays end at
 * their own closing bracket, so a run of bytes equal to a complete one is that value, never the start of a longer
 * one. As in {@link SharedValues}, a value is kept from its second sighting, and past {@link #MAX_BYTES} everything is
 * forgotten at once.
 */
final class ScannedValues {
    /** Smaller values are validated faster than they are hashed and kept. */
    static final int MIN_BYTES = 256;
    private static final int PREFIX = 64;
    /** Values per prefix: a tool result's opening bytes name its tool call, an assistant turn's its first words. */
    private static final int PER_PREFIX = 4;
    private static final long MAX_BYTES = 4L << 20;
    private static final ScannedValues SCANNED = new ScannedValues(MAX_BYTES);

    private final long maxBytes;
    private final Map<Integer, Known[]> byPrefix = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();
    private final Sightings sightings = new Sightings();

    ScannedValues(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static ScannedValues scanned() {
        return SCANNED;
    }

    /**
     * A value the scan validated at nesting {@code depth}, watching for the string {@code watched} (null: none), and
     * whether it held that string.
     */
    record Known(byte[] bytes, int depth, String watched, boolean holdsWatched) {
    }

    /** The known value that {@code b} holds from {@code at} on, scanned at {@code depth} watching {@code watched}; or null. */
    Known at(byte[] b, int at, int depth, String watched) {
        if (b.length - at < MIN_BYTES) return null;
        Known[] candidates = byPrefix.get(SharedValues.Bytes.hash(b, at, at + PREFIX));
        if (candidates == null) return null;
        for (Known k : candidates) {
            int end = at + k.bytes.length;
            if (end <= b.length && k.depth == depth && java.util.Objects.equals(k.watched, watched)
                    && Arrays.equals(b, at, end, k.bytes, 0, k.bytes.length)) return k;
        }
        return null;
    }

    /** {@code b[from, to)}, just validated and not known: kept from its second sighting. */
    void offer(byte[] b, int from, int to, int depth, String watched, boolean holdsWatched) {
        int length = to - from;
        if (length < MIN_BYTES) return;
        if (sightings.first(SharedValues.Bytes.hash(b, from, to))) return;
        if (held.addAndGet(length) > maxBytes) { // rare: concurrent clears may lose a few entries, never the bound
            byPrefix.clear();
            held.set(length);
        }
        Known k = new Known(Arrays.copyOfRange(b, from, to), depth, watched, holdsWatched);
        byPrefix.merge(SharedValues.Bytes.hash(b, from, from + PREFIX), new Known[] {k}, (old, added) -> {
            Known[] out = Arrays.copyOf(added, Math.min(PER_PREFIX, old.length + 1)); // the newest first, the oldest out
            System.arraycopy(old, 0, out, 1, out.length - 1);
            return out;
        });
    }
}
