package dev.baton.state;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * What one instance tells the others, by topic: published, so it reaches the instances running now (a recovery by
 * hand), and for a kept message (a routing-strategy switch) stored too, without expiry, for instances that start
 * later. An instance does not hear its own.
 */
final class RedisBroadcasts implements RedisListener.Channel {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroadcasts.class);
    static final String CHANNEL = RedisState.PREFIX + "broadcasts";
    private static final String KEPT = RedisState.PREFIX + "kept:";

    private final RedisClient redis;
    private final String self = UUID.randomUUID().toString();
    private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();
    /** The last message heard per topic, so that catching up does not hand a handler what it already has. */
    private final Map<String, String> lastHeard = new ConcurrentHashMap<>();
    /** A kept message handed over by catching up, whose own publication may still arrive: not handed twice. */
    private final Map<String, String> caughtUp = new ConcurrentHashMap<>();

    RedisBroadcasts(RedisClient redis) {
        this.redis = redis;
    }

    void send(String topic, String message) {
        try {
            redis.publish(CHANNEL, self + " " + topic + " " + message);
        } catch (RuntimeException e) {
            LOG.warn("cannot tell the other instances ({}) through Redis: {}", topic, e.getMessage());
        }
    }

    void keep(String topic, String message) {
        try {
            redis.set(KEPT + topic, message);
        } catch (RuntimeException e) {
            LOG.warn("cannot keep {} in Redis for instances that start later: {}", topic, e.getMessage());
        }
        lastHeard.put(topic, message); // its own: not handed back when this instance catches up
        send(topic, message);
    }

    void on(String topic, Consumer<String> handler) {
        handlers.put(topic, handler);
        catchUp(topic, handler);
    }

    /** Hands {@code handler} the message last kept on {@code topic}, if any and not the last it heard. */
    private void catchUp(String topic, Consumer<String> handler) {
        String kept;
        try {
            kept = redis.get(KEPT + topic);
        } catch (RuntimeException e) {
            LOG.warn("cannot read what the other instances kept on {} in Redis: {}", topic, e.getMessage());
            return;
        }
        if (kept == null || kept.equals(lastHeard.put(topic, kept))) return;
        caughtUp.put(topic, kept);
        handler.accept(kept);
    }

    @Override
    public void onMessage(String message) {
        String[] parts = message.split(" ", 3); // topics hold no space
        if (parts.length < 3 || parts[0].equals(self)) return;
        lastHeard.put(parts[1], parts[2]);
        if (parts[2].equals(caughtUp.remove(parts[1]))) return; // already handed over by catching up
        Consumer<String> handler = handlers.get(parts[1]);
        if (handler != null) handler.accept(parts[2]);
    }

    /** The kept messages again: one kept while the subscription was down was not heard. */
    @Override
    public void resync() {
        handlers.forEach(this::catchUp);
    }
}
