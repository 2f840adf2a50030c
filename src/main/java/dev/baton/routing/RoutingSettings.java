package dev.baton.routing;

import dev.baton.config.SectionReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `baton.routing`: routing choices LiteLLM's `router_settings` has no words for.
 *
 * @param settleTime         how long a deployment must go without failing before sessions that were moved off it
 *                           come back (at their next user turn); doubled with each cooldown in a row (`settle_time`,
 *                           default 60 s)
 * @param rateLimitThreshold the share of a rate-limit window past which a deployment is passed over while others can
 *                           serve (`rate_limit_threshold`, else `RATE_LIMIT_THRESHOLD`, default 0.8; 1 turns it off)
 */
public record RoutingSettings(Duration settleTime, double rateLimitThreshold) {
    static final Set<String> KNOWN = Set.of("settle_time", "rate_limit_threshold");

    public static RoutingSettings defaults() {
        return new RoutingSettings(Duration.ofSeconds(60), 0.8);
    }

    /** @param env for `RATE_LIMIT_THRESHOLD` */
    public static RoutingSettings from(Map<String, Object> batonSections, Map<String, String> env) {
        SectionReader in = SectionReader.of(batonSections, "routing");
        RoutingSettings d = defaults();
        double threshold = d.rateLimitThreshold();
        String fromEnv = env.get("RATE_LIMIT_THRESHOLD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                threshold = Double.parseDouble(fromEnv.strip());
            } catch (NumberFormatException e) {
                throw new dev.baton.config.ConfigException("RATE_LIMIT_THRESHOLD: expected a number between 0 and 1, got '" + fromEnv + "'");
            }
        }
        threshold = in.has("rate_limit_threshold") ? in.positive("rate_limit_threshold", threshold) : threshold;
        if (!(threshold > 0 && threshold <= 1)) {
            throw new dev.baton.config.ConfigException("rate_limit_threshold: expected a number above 0 and at most 1, got " + threshold);
        }
        return new RoutingSettings(in.duration("settle_time", d.settleTime()), threshold);
    }

    /** Warnings for keys of `baton.routing` that mean nothing here. */
    public static List<String> warnings(Map<String, Object> batonSections) {
        return SectionReader.of(batonSections, "routing").unknownKeys(KNOWN);
    }
}
