package dev.baton.state;

import dev.baton.routing.SessionBoard;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Session affinity shared through Redis without a round trip per request: a move is stored (for a day after it, for
 * instances that have not seen the session yet) and published, and every instance adopts what it hears into its own
 * {@link dev.baton.routing.SessionAffinity}. Only moves and first sightings reach Redis; a session that stays put
 * costs nothing. Moves go out from a thread of their own, in order, so a request never waits for them; a lookup
 * waits, but not for a Redis that has just failed one: for {@link #PAUSE} after a failure sessions are this
 * instance's alone.
 */
final class RedisSessions implements SessionBoard, RedisListener.Channel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessions.class);
    static final String CHANNEL = RedisState.PREFIX + "sessions";
    private static final String KEYS = RedisState.PREFIX + "session:";
    private static final Duration KEPT = Duration.ofDays(1);
    static final Duration PAUSE = Duration.ofSeconds(5);
    private static final int MAX_WAITING = 1024;

    private final RedisClient redis;
    /** One thread, so that two moves of one session reach Redis in the order they were made; full, new moves drop. */
    private final ExecutorService out = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING),
            Thread.ofVirtual().name("baton-redis-sessions").factory(), new ThreadPoolExecutor.DiscardPolicy());
    private volatile BiConsumer<String, String> adopt = (key, deployment) -> { };
    private volatile long pausedUntilMs;

    RedisSessions(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public void publish(String key, String deployment) {
        out.execute(() -> {
            try {
                redis.set(KEYS + key, deployment, SetParams.setParams().px(KEPT.toMillis()));
                redis.publish(CHANNEL, deployment.length() + ":" + deployment + key); // ids and keys may hold any character
            } catch (RuntimeException e) {
                pause();
                LOG.warn("cannot share a session's deployment ({}) through Redis: {}", deployment, e.getMessage());
            }
        });
    }

    @Override
    public String lookup(String key) {
        if (System.currentTimeMillis() < pausedUntilMs) return null;
        try {
            return redis.get(KEYS + key);
        } catch (RuntimeException e) { // Redis away: the session starts afresh here, as on a single instance
            pause();
            LOG.debug("cannot read a session's deployment from Redis: {}", e.getMessage());
            return null;
        }
    }

    private void pause() {
        pausedUntilMs = System.currentTimeMillis() + PAUSE.toMillis();
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

    @Override
    public void close() {
        out.shutdown();
    }
}
