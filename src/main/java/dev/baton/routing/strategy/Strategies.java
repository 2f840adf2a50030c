package dev.baton.routing.strategy;

import dev.baton.config.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The routing strategies by the names LiteLLM and Baton's users call them. */
public final class Strategies {
    public static final RoutingStrategy PRIORITY = new ByOrder();

    private static final Map<String, RoutingStrategy> BY_NAME = new LinkedHashMap<>();

    static {
        RoutingStrategy shuffle = new SimpleShuffle();
        RoutingStrategy leastBusy = Sorted.leastBusy();
        RoutingStrategy usage = Sorted.usageBased();
        RoutingStrategy latency = Sorted.latencyBased();
        RoutingStrategy cost = Sorted.costBased();
        RoutingStrategy intelligent = new Intelligent();
        BY_NAME.put("priority", PRIORITY);
        BY_NAME.put("order", PRIORITY);
        BY_NAME.put("simple-shuffle", shuffle);
        BY_NAME.put("least-busy", leastBusy);
        BY_NAME.put("usage-based-routing", usage);
        BY_NAME.put("usage-based-routing-v2", usage);
        BY_NAME.put("availability", usage);
        BY_NAME.put("latency-based-routing", latency);
        BY_NAME.put("performance", latency);
        BY_NAME.put("cost-based-routing", cost);
        BY_NAME.put("cost", cost);
        BY_NAME.put("intelligent", intelligent);
    }

    private Strategies() {
    }

    /** The strategy of this name or alias, case and `_`/`-` aside. */
    public static Optional<RoutingStrategy> named(String name) {
        if (name == null) return Optional.empty();
        return Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    /** Every name a strategy answers to. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The intelligent strategy's score of each deployment of a tier (for the admin API). */
    public static Map<Deployment, Double> intelligentScores(List<Deployment> tier, Function<Deployment, Signals> signals) {
        return Intelligent.scores(tier, signals);
    }
}
