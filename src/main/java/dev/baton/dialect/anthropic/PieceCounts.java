package dev.baton.dialect.anthropic;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * A bounded memory of token counts by text piece, keyed by a 64-bit hash of the piece (not the piece itself: a
 * thousand 4 KB pieces would hold 8 MB of strings). Two different pieces colliding on 64 bits is not a practical
 * concern for an estimate.
 */
final class PieceCounts {
    private final int capacity;
    private final ConcurrentHashMap<Long, Integer> counts = new ConcurrentHashMap<>();

    PieceCounts(int capacity) {
        this.capacity = capacity;
    }

    /** The count of {@code text[from, to)}, computed by {@code tokenize} the first time that piece is seen. */
    int count(CharSequence text, int from, int to, ToIntFunction<String> tokenize) {
        long key = hash(text, from, to);
        Integer known = counts.get(key);
        if (known != null) return known;
        int n = tokenize.applyAsInt(text.subSequence(from, to).toString());
        if (counts.size() >= capacity) counts.clear(); // rare; a session's pieces come back on its next turn
        counts.put(key, n);
        return n;
    }

    int size() {
        return counts.size();
    }

    /** FNV-1a over the characters, 64-bit, mixed with the length. */
    static long hash(CharSequence text, int from, int to) {
        long h = 0xcbf29ce484222325L ^ (to - from);
        for (int i = from; i < to; i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
