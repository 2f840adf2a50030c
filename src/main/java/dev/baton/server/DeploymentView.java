package dev.baton.server;

import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.DeploymentStats;
import dev.baton.routing.HealthRegistry;
import dev.baton.routing.ModelGroup;
import dev.baton.routing.QuotaForecast;
import dev.baton.routing.strategy.Strategies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One deployment's routing state and figures as the router sees them (for its own credential): health, cooldown,
 * predicted quota, traffic figures and intelligent score. The admin API and the dashboard both read deployments
 * through it and show its {@link #toJson JSON}, so they always agree.
 *
 * @param cooldownLeft zero unless cooling
 * @param quotaResetsAt when the rate-limit window last seen resets; null when no answer said
 * @param score        the intelligent strategy's score among its group; NaN when not measured
 */
public record DeploymentView(Deployment deployment, String group, DeploymentHealth.State state, Duration cooldownLeft, int cooldownsInARow,
                             double trafficShare, String lastFailure, double quotaUsed, Instant quotaResetsAt, boolean predictedLimited,
                             DeploymentStats.Snapshot stats, double pricePerMTok, double score) {

    /** Every deployment, group by group in config order. */
    public static List<DeploymentView> all(Gateway gateway) {
        Instant now = Instant.now();
        List<DeploymentView> out = new ArrayList<>();
        for (ModelGroup g : gateway.groups().groups()) {
            Map<Deployment, Double> scores = scores(gateway, g);
            for (Deployment d : g.deployments()) out.add(read(gateway, d, g, scores.get(d), now));
        }
        return out;
    }

    /** One deployment. */
    public static DeploymentView of(Gateway gateway, Deployment d) {
        ModelGroup g = gateway.groups().group(d.modelName()).orElseThrow();
        return read(gateway, d, g, scores(gateway, g).get(d), Instant.now());
    }

    private static Map<Deployment, Double> scores(Gateway gateway, ModelGroup g) {
        return Strategies.intelligentScores(g.deployments(), d -> gateway.engine().ranker().signals(d, d.model(), null));
    }

    private static DeploymentView read(Gateway gateway, Deployment d, ModelGroup g, Double score, Instant now) {
        HealthRegistry health = gateway.engine().health();
        DeploymentHealth h = health.of(d);
        DeploymentHealth.State state = h.state(now);
        Duration left = state == DeploymentHealth.State.COOLING ? Duration.between(now, h.availableAt(now)) : Duration.ZERO;
        QuotaForecast q = health.forecast(d, null);
        Instant resetAt = q.resetAt().equals(Instant.MIN) ? null : q.resetAt();
        boolean limited = q.nearLimit(now, gateway.routingSettings().rateLimitThreshold());
        return new DeploymentView(d, g.name(), state, left, h.cooldownsInARow(), h.share(),
                h.lastFailure() == null ? null : h.lastFailure().detail(), q.used(now), resetAt, limited, health.stats(d).snapshot(),
                gateway.engine().ranker().signals(d, d.model(), null).pricePerMTok(), score == null ? Double.NaN : score);
    }

    /** The admin API's shape (`GET /admin/deployments`); unmeasured figures are null. */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", deployment.id()).put("group", group).put("provider", deployment.provider()).put("model", deployment.model())
                .put("order", deployment.order());
        o.put("state", state.name().toLowerCase(Locale.ROOT));
        o.put("cooldown_left_ms", cooldownLeft.toMillis());
        o.put("cooldowns_in_a_row", cooldownsInARow);
        o.put("traffic_share", round(trafficShare));
        o.put("last_failure", lastFailure);
        ObjectNode quota = o.putObject("quota");
        quota.put("used", round(quotaUsed));
        quota.put("resets_at", quotaResetsAt == null ? null : quotaResetsAt.toString());
        quota.put("predicted_limited", predictedLimited);
        ObjectNode s = o.putObject("stats");
        s.put("in_flight", stats.inFlight()).put("requests", stats.requests());
        s.put("ttft_ms", round(stats.ttftMs())).put("latency_ms", round(stats.latencyMs()));
        s.put("tokens_per_second", round(stats.tokensPerSecond())).put("error_rate", round(stats.errorRate()));
        o.put("price_per_mtok", round(pricePerMTok));
        o.put("score", round(score));
        return o;
    }

    /** Three decimals, and null for what is not measured yet. */
    private static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
    }
}
