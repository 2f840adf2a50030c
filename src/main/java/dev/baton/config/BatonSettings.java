package dev.baton.config;

import java.time.Duration;
import java.util.Map;

/**
 * The `baton:` section: what LiteLLM's format lacks.
 *
 * @param connectTimeout    TCP connect timeout to an upstream (`connect_timeout`, default 5 s)
 * @param firstByteTimeout  time to the first byte of a streamed answer (`first_byte_timeout`, default 60 s);
 *                          a deployment's `stream_timeout` overrides it
 * @param idleTimeout       longest silence inside a stream before it counts as stalled (`idle_timeout`, default 120 s)
 * @param requestTimeout    total time for one attempt (`request_timeout`, default 600 s); a deployment's `timeout` overrides it
 * @param pingInterval      silence towards the client after which Baton sends `event: ping` (`ping_interval`, default 15 s)
 * @param maxWait           when every deployment is cooling down, wait for the first to recover if it is this close
 *                          (`max_wait`, default 10 s), up to `num_retries` times; else answer 429 at once
 * @param maxBodyMb         largest request body accepted (`max_body_mb`, default 32)
 * @param shutdownGrace     on shutdown, how long requests in flight may take to finish before streams are ended with
 *                          an error event and waiting requests are answered 503 (`shutdown_grace`, default 30 s)
 * @param bodyReadTimeout   time for a request's whole body to arrive once its headers have (`body_read_timeout`, default 30 s)
 * @param sections          the other keys of `baton:` (journal, notifications, rules, ...) for the parts that read them
 */
public record BatonSettings(
        Duration connectTimeout,
        Duration firstByteTimeout,
        Duration idleTimeout,
        Duration requestTimeout,
        Duration pingInterval,
        Duration maxWait,
        int maxBodyMb,
        Duration shutdownGrace,
        Duration bodyReadTimeout,
        Map<String, Object> sections) {

    /** The settings with the default `shutdown_grace` and `body_read_timeout`. */
    public BatonSettings(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration requestTimeout,
                         Duration pingInterval, Duration maxWait, int maxBodyMb, Map<String, Object> sections) {
        this(connectTimeout, firstByteTimeout, idleTimeout, requestTimeout, pingInterval, maxWait, maxBodyMb,
                defaults().shutdownGrace(), defaults().bodyReadTimeout(), sections);
    }

    public static BatonSettings defaults() {
        return new BatonSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(600), Duration.ofSeconds(15), Duration.ofSeconds(10), 32, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Map.of());
    }
}
