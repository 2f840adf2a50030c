package dev.baton.state;

import dev.baton.config.RedisSettings;

/** The state store a config asks for: Redis when one is named, else in-process. */
public final class States {
    private States() {
    }

    public static StateStore open(RedisSettings redis) {
        return redis == null ? new MemoryState() : new RedisState(redis);
    }
}
