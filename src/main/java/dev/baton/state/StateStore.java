package dev.baton.state;

import dev.baton.routing.CooldownBoard;
import dev.baton.routing.SessionBoard;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Counters and cooldowns that several Baton instances must agree on: rpm/tpm windows, budget reservations, cost
 * alert windows, deployment cooldowns, which deployment serves each session. {@link MemoryState} for one instance; {@link RedisState} when Redis is
 * configured, where every check-and-add is one atomic Lua script, so two instances share one limit instead of
 * doubling it (field notes 40). Counters expire {@code ttl} after their last change.
 */
public interface StateStore extends AutoCloseable {

    /**
     * Adds {@code amount} to the counter unless {@code counter + mustFit > limit}; atomic.
     *
     * @return the counter after the add, or {@link #REFUSED} when it did not fit (nothing was added)
     */
    long tryAdd(String key, long amount, long mustFit, long limit, Duration ttl);

    /** Adds (or with a negative delta, takes back) unconditionally; returns the new value. */
    long add(String key, long delta, Duration ttl);

    /** The counter's value, 0 when absent. */
    long get(String key);

    /** Sets the counter when it does not exist yet (a budget loaded from the database); true when this call set it. */
    boolean initIfAbsent(String key, long value, Duration ttl);

    CooldownBoard cooldowns();

    /** Where sessions are served, for instances behind one load balancer. */
    SessionBoard sessions();

    /** Tells the other running instances {@code message} on {@code topic} (no spaces in it); alone: nothing to tell. */
    void broadcast(String topic, String message);

    /**
     * {@link #broadcast}, and kept: an instance that starts later hears the last message kept on {@code topic} when it
     * calls {@link #onBroadcast} (an operator's setting, which must not depend on when an instance started).
     */
    void keep(String topic, String message);

    /** Where the other instances' messages on {@code topic} go; first, the last one kept, if any. */
    void onBroadcast(String topic, Consumer<String> handler);

    /** For logs: which store, never its password. */
    String describe();

    @Override
    void close();

    long REFUSED = Long.MIN_VALUE;
}
