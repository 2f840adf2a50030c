package dev.baton.state;

import dev.baton.routing.SessionBoard;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Session affinity shared through Redis without a round trip per request: a move is stored (for a day after it, for
 * instances that have not seen the session yet) and published, and every instance adopts what it hears into its own
 * {@link dev.baton.routing.SessionAffinity}. Only moves and first sightings reach Redis; a session that stays put
 * costs nothing.
 */
final class RedisSessions implements SessionBoard, RedisListener.Channel {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessions.class);
    static final String CHANNEL = RedisState.PREFIX + "sessions";
    private static final String KEYS = RedisState.PREFIX + "session:";
    private static final Duration KEPT = Duration.ofDays(1);

    private final RedisClient redis;
    private volatile BiConsumer<String, String> adopt = (key, deployment) -> { };

    RedisSessions(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public void publish(String key, String deployment) {
        try {
            redis.set(KEYS + key, deployment, SetParams.setParams().px(KEPT.toMillis()));
            redis.publish(CHANNEL, deployment.length() + ":" + deployment + key); // ids and keys may hold any character
        } catch (RuntimeException e) {
            LOG.warn("cannot share a session's deployment ({}) through Redis: {}", deployment, e.getMessage());
        }
    }

    @Override
    public String lookup(String key) {
        try {
            return redis.get(KEYS + key);
        } catch (RuntimeException e) { // Redis away: the session starts afresh here, as on a single instance
            LOG.debug("cannot read a session's deployment from Redis: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public void onMove(BiConsumer<String, String> adopt) {
        this.adopt = adopt;
    }

    @Override
    public void onMessage(String message) {
        int colon = message.indexOf(':');
        if (colon <= 0) return;
        int length;
        try {
            length = Integer.parseInt(message.substring(0, colon));
        } catch (NumberFormatException e) {
            return;
        }
        if (colon + 1 + length > message.length()) return;
        adopt.accept(message.substring(colon + 1 + length), message.substring(colon + 1, colon + 1 + length));
    }

    /** Nothing to read ahead: sessions this instance has not seen are looked up when they come. */
    @Override
    public void resync() {
    }
}
