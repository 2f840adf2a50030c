package dev.baton.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * `router_settings` as LiteLLM users write them.
 *
 * @param fallbacks              group → groups to try after it (LiteLLM's list of one-key maps, in order); followed
 *                               transitively: a fallback group's own fallbacks come after it, up to `max_fallbacks`
 * @param contextWindowFallbacks group → groups for requests too long for it
 * @param contentPolicyFallbacks group → groups for requests its providers refuse on content policy
 * @param maxFallbacks           how many fallback groups one request may go through (LiteLLM's default 5)
 * @param modelGroupAlias        a name callers may use → the group it stands for
 * @param numRetries             how often a request may wait for a cooled-down deployment to recover
 * @param cooldownTime           the least a failed deployment rests (LiteLLM default 5 s)
 * @param allowedFails           failures per minute a deployment may have before it is cooled (429s cool at once)
 * @param routingStrategy        how deployments of equal `order` are ranked (see the routing strategies), or null
 *                               when not set (then `DEFAULT_ROUTING_STRATEGY`, else priority by order)
 * @param redis                  shared state for several instances (`redis_host`, `redis_port`, `redis_password`, or
 *                               REDIS_URL), or null for in-process state
 */
public record RouterSettings(
        Map<String, List<String>> fallbacks,
        Map<String, List<String>> contextWindowFallbacks,
        Map<String, List<String>> contentPolicyFallbacks,
        int maxFallbacks,
        Map<String, GroupAlias> modelGroupAlias,
        int numRetries,
        Duration cooldownTime,
        int allowedFails,
        String routingStrategy,
        RedisSettings redis) {

    public static final int DEFAULT_MAX_FALLBACKS = 5;

    /** LiteLLM's `model_group_alias` entry: `alias: group`, or `alias: {model: group, hidden: true}`. */
    public record GroupAlias(String group, boolean hidden) {
    }

    public RouterSettings(Map<String, List<String>> fallbacks, Map<String, List<String>> contextWindowFallbacks, int numRetries,
                          Duration cooldownTime, int allowedFails, String routingStrategy, RedisSettings redis) {
        this(fallbacks, contextWindowFallbacks, Map.of(), DEFAULT_MAX_FALLBACKS, Map.of(), numRetries, cooldownTime, allowedFails,
                routingStrategy, redis);
    }

    public RouterSettings(Map<String, List<String>> fallbacks, Map<String, List<String>> contextWindowFallbacks, int numRetries,
                          Duration cooldownTime, int allowedFails, String routingStrategy) {
        this(fallbacks, contextWindowFallbacks, numRetries, cooldownTime, allowedFails, routingStrategy, null);
    }

    public static RouterSettings defaults() {
        return new RouterSettings(Map.of(), Map.of(), 2, Duration.ofSeconds(5), 3, null);
    }
}
