package dev.baton.state;

import dev.baton.config.RedisSettings;
import dev.baton.routing.CooldownBoard;
import dev.baton.routing.SessionBoard;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * {@link StateStore} shared by every instance pointed at the same Redis (LiteLLM's `router_settings.redis_*` or
 * `REDIS_URL`). Check-and-add runs as one Lua script, so the check and the add cannot interleave with another
 * instance's. Keys live under `baton:`.
 */
public final class RedisState implements StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisState.class);
    static final String PREFIX = "baton:";

    /** KEYS[1] counter; ARGV amount, mustFit, limit, ttl ms. Returns the new value, or nil when it does not fit. */
    private static final String TRY_ADD = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if current + tonumber(ARGV[2]) > tonumber(ARGV[3]) then return nil end
            local v = redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return v
            """;
    private static final String ADD = """
            local v = redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return v
            """;

    private final RedisClient redis;
    private final RedisCooldowns cooldowns;
    private final RedisSessions sessions;
    private final RedisBroadcasts broadcasts;
    private final RedisListener listener;
    private final String description;

    public RedisState(RedisSettings s) {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .password(s.password() == null ? null : s.password().reveal())
                .database(s.database())
                .ssl(s.tls())
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(2_000)
                .clientName("baton")
                .build();
        HostAndPort where = new HostAndPort(s.host(), s.port());
        this.description = "Redis at " + s.host() + ":" + s.port() + (s.database() == 0 ? "" : "/" + s.database());
        this.redis = RedisClient.builder().hostAndPort(where).clientConfig(config).build();
        try {
            redis.ping();
        } catch (RuntimeException e) {
            redis.close();
            throw new IllegalStateException("cannot reach " + description + ": " + e.getMessage(), e);
        }
        this.cooldowns = new RedisCooldowns(redis);
        this.sessions = new RedisSessions(redis);
        this.broadcasts = new RedisBroadcasts(redis);
        this.listener = new RedisListener(where, config).on(RedisCooldowns.CHANNEL, cooldowns).on(RedisSessions.CHANNEL, sessions)
                .on(RedisBroadcasts.CHANNEL, broadcasts).start();
        LOG.info("shared state in {}", description);
    }

    @Override
    public long tryAdd(String key, long amount, long mustFit, long limit, Duration ttl) {
        Object v = redis.eval(TRY_ADD, List.of(PREFIX + key),
                List.of(Long.toString(amount), Long.toString(mustFit), Long.toString(limit), Long.toString(ttl.toMillis())));
        return v == null ? REFUSED : (Long) v;
    }

    @Override
    public long add(String key, long delta, Duration ttl) {
        return (Long) redis.eval(ADD, List.of(PREFIX + key), List.of(Long.toString(delta), Long.toString(ttl.toMillis())));
    }

    @Override
    public long get(String key) {
        String v = redis.get(PREFIX + key);
        return v == null ? 0 : Long.parseLong(v);
    }

    @Override
    public boolean initIfAbsent(String key, long value, Duration ttl) {
        return "OK".equals(redis.set(PREFIX + key, Long.toString(value), SetParams.setParams().nx().px(ttl.toMillis())));
    }

    @Override
    public CooldownBoard cooldowns() {
        return cooldowns;
    }

    @Override
    public SessionBoard sessions() {
        return sessions;
    }

    @Override
    public void broadcast(String topic, String message) {
        broadcasts.send(topic, message);
    }

    @Override
    public void keep(String topic, String message) {
        broadcasts.keep(topic, message);
    }

    @Override
    public void onBroadcast(String topic, Consumer<String> handler) {
        broadcasts.on(topic, handler);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        listener.close();
        sessions.close();
        redis.close();
    }
}
