package dev.baton.dialect;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which values were seen once, by hash, for the memos that keep a value only from its second sighting
 * ({@link SharedValues}, {@link ScannedValues}): a value that never comes back costs a hash, not a copy that the collector
 * must then move to the old generation. Bounded: past {@link #MAX} hashes all are forgotten. A hash shared by two
 * values only makes the second one kept a sighting early.
 */
final class Sightings {
    private static final int MAX = 4096;
    private final Set<Integer> seen = ConcurrentHashMap.newKeySet();

    /** Whether this is the first sighting of {@code hash} (as far as this remembers); notes it. */
    boolean first(int hash) {
        if (!seen.add(hash)) return false;
        if (seen.size() > MAX) seen.clear();
        return true;
    }
}
