package dev.baton.routing;

import dev.baton.config.SectionReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `baton.routing`: routing choices LiteLLM's `router_settings` has no words for.
 *
 * @param settleTime how long a deployment must go without failing before sessions that were moved off it come back
 *                   (at their next user turn); doubled with each cooldown in a row (`settle_time`, default 60 s)
 */
public record RoutingSettings(Duration settleTime) {
    static final Set<String> KNOWN = Set.of("settle_time");

    public static RoutingSettings defaults() {
        return new RoutingSettings(Duration.ofSeconds(60));
    }

    public static RoutingSettings from(Map<String, Object> batonSections) {
        SectionReader in = SectionReader.of(batonSections, "routing");
        RoutingSettings d = defaults();
        return new RoutingSettings(in.duration("settle_time", d.settleTime()));
    }

    /** Warnings for keys of `baton.routing` that mean nothing here. */
    public static List<String> warnings(Map<String, Object> batonSections) {
        return SectionReader.of(batonSections, "routing").unknownKeys(KNOWN);
    }
}
