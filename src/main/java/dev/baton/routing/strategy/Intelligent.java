package dev.baton.routing.strategy;

import dev.baton.config.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * `intelligent`: one score per deployment, highest first, from what matters to a coding agent:
 *
 * <pre>
 * score = 0.35 × headroom        share of its rate-limit window left (1 when it never said)
 *       + 0.25 × reliability     1 − its moving failure rate
 *       + 0.25 × speed           fastest expected answer in the tier ÷ its own (1 when unmeasured)
 *       + 0.15 × cheapness       cheapest price in the tier ÷ its own (1 when unpriced)
 * </pre>
 *
 * where the expected answer is its time to first token plus 500 tokens at its measured output speed.
 */
final class Intelligent implements RoutingStrategy {
    static final double HEADROOM = 0.35;
    static final double RELIABILITY = 0.25;
    static final double SPEED = 0.25;
    static final double CHEAPNESS = 0.15;

    @Override
    public String name() {
        return "intelligent";
    }

    @Override
    public List<Deployment> rank(List<Deployment> tier, Function<Deployment, Signals> signals) {
        if (tier.size() < 2) return tier;
        Map<Deployment, Double> scores = scores(tier, signals);
        List<Deployment> out = new ArrayList<>(tier);
        out.sort(Comparator.comparingDouble((Deployment d) -> scores.get(d)).reversed());
        return out;
    }

    /** Each deployment's score (for ranking, and for the admin API to show). */
    static Map<Deployment, Double> scores(List<Deployment> tier, Function<Deployment, Signals> signals) {
        Map<Deployment, Signals> s = new HashMap<>();
        double fastest = Double.POSITIVE_INFINITY;
        double cheapest = Double.POSITIVE_INFINITY;
        for (Deployment d : tier) {
            Signals x = signals.apply(d);
            s.put(d, x);
            if (x.expectedMs() > 0) fastest = Math.min(fastest, x.expectedMs());
            if (x.pricePerMTok() > 0) cheapest = Math.min(cheapest, x.pricePerMTok());
        }
        Map<Deployment, Double> scores = new HashMap<>();
        for (Deployment d : tier) {
            Signals x = s.get(d);
            double speed = x.expectedMs() > 0 && fastest < Double.POSITIVE_INFINITY ? fastest / x.expectedMs() : 1;
            double cheap = x.pricePerMTok() > 0 && cheapest < Double.POSITIVE_INFINITY ? cheapest / x.pricePerMTok() : 1;
            scores.put(d, HEADROOM * x.headroom() + RELIABILITY * (1 - x.errorRate()) + SPEED * speed + CHEAPNESS * cheap);
        }
        return scores;
    }
}
