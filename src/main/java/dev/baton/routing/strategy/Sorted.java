package dev.baton.routing.strategy;

import dev.baton.config.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Strategies that sort by one measure of each deployment, lowest first; ties (and unmeasured deployments, which get
 * the measure given for NaN) keep the config's order.
 */
record Sorted(String name, ToDoubleFunction<Signals> measure, double whenUnknown) implements RoutingStrategy {

    /** `least-busy`: fewest requests in flight. */
    static Sorted leastBusy() {
        return new Sorted("least-busy", Signals::inFlight, 0);
    }

    /** `usage-based-routing` (also `availability`): the most of its rate-limit window left, then the fewest failures. */
    static Sorted usageBased() {
        return new Sorted("usage-based-routing", s -> -s.headroom() + s.errorRate() / 1000, 0);
    }

    /** `latency-based-routing` (also `performance`): the fastest typical answer; an unmeasured one is tried first. */
    static Sorted latencyBased() {
        return new Sorted("latency-based-routing", Signals::expectedMs, Double.NEGATIVE_INFINITY);
    }

    /** `cost-based-routing` (also `cost`): the cheapest per token; an unpriced one last. */
    static Sorted costBased() {
        return new Sorted("cost-based-routing", Signals::pricePerMTok, Double.POSITIVE_INFINITY);
    }

    @Override
    public List<Deployment> rank(List<Deployment> tier, Function<Deployment, Signals> signals) {
        if (tier.size() < 2) return tier;
        List<Deployment> out = new ArrayList<>(tier);
        out.sort(Comparator.comparingDouble(d -> {
            double v = measure.applyAsDouble(signals.apply(d));
            return Double.isNaN(v) ? whenUnknown : v;
        }));
        return out;
    }
}
