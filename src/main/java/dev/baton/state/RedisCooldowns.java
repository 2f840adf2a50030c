package dev.baton.state;

import dev.baton.routing.CooldownBoard;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Cooldown deadlines shared through Redis without a Redis round trip per attempt: each instance keeps a local copy,
 * filled from the stored deadlines at start and kept current by a pub/sub channel, so {@link #until} is a map
 * lookup. A deadline is also stored (expiring with it) for instances that start later.
 */
final class RedisCooldowns implements CooldownBoard, RedisListener.Channel {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCooldowns.class);
    static final String CHANNEL = RedisState.PREFIX + "cooldowns";
    private static final String KEYS = RedisState.PREFIX + "cooldown:";
    /** In place of a deadline: the deployment was put back into service. */
    private static final String CLEARED = "cleared";

    private final RedisClient redis;
    private final Map<String, Instant> local = new ConcurrentHashMap<>();

    RedisCooldowns(RedisClient redis) {
        this.redis = redis;
        resync();
    }

    @Override
    public void publish(String deployment, Instant until) {
        long ms = until.toEpochMilli() - System.currentTimeMillis();
        if (ms <= 0) return;
        local.merge(deployment, until, (a, b) -> a.isAfter(b) ? a : b);
        try {
            redis.set(KEYS + deployment, Long.toString(until.toEpochMilli()), SetParams.setParams().px(ms));
            redis.publish(CHANNEL, until.toEpochMilli() + " " + deployment);
        } catch (RuntimeException e) {
            LOG.warn("cannot share the cooldown of {} through Redis: {}", deployment, e.getMessage());
        }
    }

    @Override
    public Instant until(String deployment) {
        Instant at = local.get(deployment);
        if (at != null && at.toEpochMilli() <= System.currentTimeMillis()) {
            local.remove(deployment, at);
            return null;
        }
        return at;
    }

    @Override
    public void clear(String deployment) {
        local.remove(deployment);
        try {
            redis.del(KEYS + deployment);
            redis.publish(CHANNEL, CLEARED + " " + deployment);
        } catch (RuntimeException e) {
            LOG.warn("cannot withdraw the cooldown of {} through Redis: {}", deployment, e.getMessage());
        }
    }

    /** Deadlines published before the subscription took hold are read from their stored keys. */
    @Override
    public void resync() {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(KEYS + "*").count(500));
            for (String key : page.getResult()) {
                String v = redis.get(key);
                if (v != null) local.merge(key.substring(KEYS.length()), Instant.ofEpochMilli(Long.parseLong(v)),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    @Override
    public void onMessage(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) return;
        if (message.startsWith(CLEARED + " ")) {
            local.remove(message.substring(space + 1));
            return;
        }
        Instant until = Instant.ofEpochMilli(Long.parseLong(message.substring(0, space)));
        local.merge(message.substring(space + 1), until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
