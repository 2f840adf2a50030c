package dev.baton.routing.strategy;

import dev.baton.config.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** LiteLLM's `simple-shuffle`: a random order, each deployment drawn with the chance of its `weight` (or rpm, tpm). */
final class SimpleShuffle implements RoutingStrategy {
    @Override
    public String name() {
        return "simple-shuffle";
    }

    @Override
    public List<Deployment> rank(List<Deployment> tier, Function<Deployment, Signals> signals) {
        if (tier.size() < 2) return tier;
        List<Deployment> left = new ArrayList<>(tier);
        List<Deployment> out = new ArrayList<>(tier.size());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!left.isEmpty()) {
            double total = 0;
            for (Deployment d : left) total += Math.max(0, signals.apply(d).weight());
            double draw = random.nextDouble() * total;
            int pick = 0;
            for (int i = 0; i < left.size(); i++) {
                draw -= Math.max(0, signals.apply(left.get(i)).weight());
                if (draw < 0) {
                    pick = i;
                    break;
                }
            }
            out.add(left.remove(pick));
        }
        return out;
    }
}
