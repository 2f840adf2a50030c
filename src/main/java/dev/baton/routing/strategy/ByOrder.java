package dev.baton.routing.strategy;

import dev.baton.config.Deployment;
import java.util.List;
import java.util.function.Function;

/** `priority` (the default): deployments in the order the config lists them. */
final class ByOrder implements RoutingStrategy {
    @Override
    public String name() {
        return "priority";
    }

    @Override
    public List<Deployment> rank(List<Deployment> tier, Function<Deployment, Signals> signals) {
        return tier;
    }
}
