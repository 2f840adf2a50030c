package dev.baton.routing;

import dev.baton.config.Deployment;
import dev.baton.routing.strategy.RoutingStrategy;
import dev.baton.routing.strategy.Signals;
import dev.baton.routing.strategy.Strategies;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Ranks a group's deployments for one request: by `order`, then, among equal orders, by the routing strategy in
 * force, which an operator may switch while Baton runs. Gathers each deployment's {@link Signals} for it.
 */
public final class Ranker {
    private final HealthRegistry health;
    private final Pricing pricing;
    private final Clock clock;
    private volatile RoutingStrategy strategy;

    public Ranker(RoutingStrategy strategy, HealthRegistry health, Pricing pricing, Clock clock) {
        this.strategy = strategy;
        this.health = health;
        this.pricing = pricing;
        this.clock = clock;
    }

    public RoutingStrategy strategy() {
        return strategy;
    }

    /** Switches the strategy for every request from now on. */
    public void use(RoutingStrategy next) {
        strategy = next;
    }

    /** The group's deployments, best first (the group keeps them sorted by `order`). */
    List<Deployment> rank(ModelGroup group, String upstreamModelHint, String fingerprint) {
        List<Deployment> all = group.deployments();
        RoutingStrategy s = strategy;
        if (s == Strategies.PRIORITY || all.size() < 2) return all;
        Function<Deployment, Signals> signals = d -> signals(d, upstreamModelHint == null ? d.model() : upstreamModelHint, fingerprint);
        List<Deployment> out = new ArrayList<>(all.size());
        int from = 0;
        for (int i = 1; i <= all.size(); i++) {
            if (i == all.size() || all.get(i).order() != all.get(from).order()) {
                out.addAll(s.rank(all.subList(from, i), signals));
                from = i;
            }
        }
        return out;
    }

    /** What the strategies know of one deployment now. */
    public Signals signals(Deployment d, String upstreamModel, String fingerprint) {
        Instant now = clock.instant();
        DeploymentStats.Snapshot st = health.stats(d).snapshot();
        double headroom = 1 - health.forecast(d, fingerprint).used(now);
        return new Signals(st.inFlight(), st.ttftMs(), st.latencyMs(), st.tokensPerSecond(), st.errorRate(), headroom,
                pricing.perMillionTokens(d, upstreamModel), weight(d));
    }

    /** LiteLLM's shuffle weight: `weight`, else `rpm`, else `tpm`, else 1. */
    private static double weight(Deployment d) {
        String w = d.param("weight");
        if (w != null) {
            try {
                return Double.parseDouble(w);
            } catch (NumberFormatException ignored) {
                // config check reports it; an unreadable weight counts as 1
            }
        }
        if (d.rpm() != null) return d.rpm();
        if (d.tpm() != null) return d.tpm();
        return 1;
    }
}
