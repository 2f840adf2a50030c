package dev.baton.state;

import dev.baton.routing.CooldownBoard;
import dev.baton.routing.SessionBoard;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** {@link StateStore} for a single instance: counters in a map, each check-and-add atomic per key. */
public final class MemoryState implements StateStore {
    private static final long SWEEP_EVERY_MS = 60_000;

    private record Counter(long value, long expiresAtMs) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile long lastSweep = System.currentTimeMillis();

    @Override
    public long tryAdd(String key, long amount, long mustFit, long limit, Duration ttl) {
        long now = now();
        long[] result = {REFUSED};
        counters.compute(key, (k, c) -> {
            long current = live(c, now);
            if (current + mustFit > limit) return c;
            result[0] = current + amount;
            return new Counter(result[0], now + ttl.toMillis());
        });
        return result[0];
    }

    @Override
    public long add(String key, long delta, Duration ttl) {
        long now = now();
        return counters.compute(key, (k, c) -> new Counter(live(c, now) + delta, now + ttl.toMillis())).value();
    }

    @Override
    public long get(String key) {
        return live(counters.get(key), System.currentTimeMillis());
    }

    @Override
    public boolean initIfAbsent(String key, long value, Duration ttl) {
        long now = now();
        boolean[] set = {false};
        counters.compute(key, (k, c) -> {
            if (c != null && c.expiresAtMs() > now) return c;
            set[0] = true;
            return new Counter(value, now + ttl.toMillis());
        });
        return set[0];
    }

    @Override
    public CooldownBoard cooldowns() {
        return CooldownBoard.NONE; // the instance's own DeploymentHealth is the whole truth
    }

    @Override
    public SessionBoard sessions() {
        return SessionBoard.NONE; // the instance's own SessionAffinity is the whole truth
    }

    @Override
    public void broadcast(String topic, String message) {
    }

    @Override
    public void keep(String topic, String message) {
    }

    @Override
    public void onBroadcast(String topic, Consumer<String> handler) {
    }

    @Override
    public String describe() {
        return "in-process state";
    }

    @Override
    public void close() {
    }

    private static long live(Counter c, long now) {
        return c == null || c.expiresAtMs() <= now ? 0 : c.value();
    }

    /** The time, and now and then a sweep of expired counters so old rate windows do not pile up. */
    private long now() {
        long now = System.currentTimeMillis();
        if (now - lastSweep > SWEEP_EVERY_MS) {
            lastSweep = now;
            counters.entrySet().removeIf(e -> e.getValue().expiresAtMs() <= now);
        }
        return now;
    }

}
