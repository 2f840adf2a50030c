package dev.baton.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;

/**
 * One pub/sub connection for what the instances tell each other (cooldowns, sessions, broadcasts), on its own
 * thread, back a second after Redis went away. Each channel has a handler; {@link Channel#resync} runs whenever the
 * subscription (re)starts, to catch up on what was said while it was down.
 */
final class RedisListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisListener.class);

    interface Channel {
        void onMessage(String message);

        /** Reads the stored state again: messages sent before the subscription took hold are lost. */
        void resync();
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Subscriber subscriber = new Subscriber();
    private final HostAndPort where;
    private final JedisClientConfig config;
    private Thread thread;
    private volatile boolean closed;
    /** The subscription failed and has not been back since: log the outage once, not every second. */
    private volatile boolean lost;

    RedisListener(HostAndPort where, JedisClientConfig config) {
        this.where = where;
        this.config = config;
    }

    /** Adds a channel; call before {@link #start}. */
    RedisListener on(String channel, Channel handler) {
        channels.put(channel, handler);
        return this;
    }

    RedisListener start() {
        thread = Thread.ofPlatform().daemon().name("baton-redis-listener").start(this::listen);
        return this;
    }

    private void listen() {
        while (!closed) {
            try (Jedis jedis = new Jedis(where, config)) {
                jedis.subscribe(subscriber, channels.keySet().toArray(String[]::new));
            } catch (RuntimeException e) {
                if (closed) return;
                if (!lost) LOG.warn("subscription to Redis lost ({}); retrying every second", e.getMessage());
                lost = true;
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private final class Subscriber extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (lost) LOG.info("subscription to Redis is back");
            lost = false;
            try {
                channels.get(channel).resync();
            } catch (RuntimeException e) {
                LOG.warn("cannot read shared state ({}) from Redis: {}", channel, e.getMessage());
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            Channel c = channels.get(channel);
            if (c != null) c.onMessage(message);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (subscriber.isSubscribed()) subscriber.unsubscribe();
        } catch (RuntimeException ignored) {
            // the connection is going anyway
        }
        if (thread != null) thread.interrupt();
    }
}
