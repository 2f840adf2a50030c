package dev.baton.routing.strategy;

import dev.baton.config.Deployment;
import java.util.List;
import java.util.function.Function;

/**
 * How deployments of equal `order` in one group are ranked for a request. `order` always comes first (LiteLLM's
 * priority), and a strategy only ranks within it; fallback groups follow. Rankings must be cheap: one per request.
 */
public interface RoutingStrategy {

    /** The name it is chosen by (`routing_strategy`, `DEFAULT_ROUTING_STRATEGY`, `POST /admin/routing-strategy`). */
    String name();

    /** The same deployments, best first. */
    List<Deployment> rank(List<Deployment> tier, Function<Deployment, Signals> signals);
}
