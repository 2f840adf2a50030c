package dev.baton.dialect.anthropic;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import java.util.function.UnaryOperator;

/**
 * Results remembered by an exact key, up to a total weight (characters held), then forgotten all at once. A coding
 * agent sends the same system prompt, tools and history with every turn; only the new turn is new, so a memo that
 * outlives a request saves nearly all of the estimator's work, and emptying it when full costs one cold turn.
 */
final class BoundedMemo<K, V> {
    private final long maxWeight;
    private final ToLongBiFunction<K, V> weigher;
    private final UnaryOperator<K> keep;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();

    /** @param keep the key as stored: a copy of a mutable key, which the caller may change once it is in the map */
    BoundedMemo(long maxWeight, ToLongBiFunction<K, V> weigher, UnaryOperator<K> keep) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
        this.keep = keep;
    }

    V get(K key, Function<K, V> compute) {
        V known = entries.get(key);
        if (known != null) return known;
        V value = compute.apply(key);
        long w = weigher.applyAsLong(key, value);
        if (w > maxWeight) return value;
        if (weight.addAndGet(w) > maxWeight) { // rare: concurrent clears may lose a few entries, never the bound
            entries.clear();
            weight.set(w);
        }
        entries.put(keep.apply(key), value);
        return value;
    }

    int size() {
        return entries.size();
    }
}
