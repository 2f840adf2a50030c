package dev.baton.keys;

import dev.baton.store.VirtualKey;

/** A key just made: the only moment its plain text exists outside the caller's hands. */
public record IssuedKey(String key, VirtualKey stored) {
    @Override
    public String toString() {
        return "IssuedKey[" + stored.keyName() + "]"; // never the key itself
    }
}
