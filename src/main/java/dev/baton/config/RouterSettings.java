package dev.baton.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * `router_settings` as LiteLLM users write them.
 *
 * @param fallbacks              group → groups to try after it (LiteLLM's list of one-key maps, in order)
 * @param contextWindowFallbacks group → groups for requests too long for it
 * @param numRetries             how often a request may wait for a cooled-down deployment to recover
 * @param cooldownTime           the least a failed deployment rests (LiteLLM default 5 s)
 * @param allowedFails           failures per minute a deployment may have before it is cooled (429s cool at once)
 * @param routingStrategy        LiteLLM's name, kept for `config check`; Baton routes by order
 * @param redis                  shared state for several instances (`redis_host`, `redis_port`, `redis_password`, or
 *                               REDIS_URL), or null for in-process state
 */
public record RouterSettings(
        Map<String, List<String>> fallbacks,
        Map<String, List<String>> contextWindowFallbacks,
        int numRetries,
        Duration cooldownTime,
        int allowedFails,
        String routingStrategy,
        RedisSettings redis) {

    public RouterSettings(Map<String, List<String>> fallbacks, Map<String, List<String>> contextWindowFallbacks, int numRetries,
                          Duration cooldownTime, int allowedFails, String routingStrategy) {
        this(fallbacks, contextWindowFallbacks, numRetries, cooldownTime, allowedFails, routingStrategy, null);
    }

    public static RouterSettings defaults() {
        return new RouterSettings(Map.of(), Map.of(), 2, Duration.ofSeconds(5), 3, "simple-shuffle");
    }
}
