package dev.baton.routing.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each strategy ranks a tier by what it weighs; names and aliases as users write them. */
class StrategiesTest {
    private static final double NaN = Double.NaN;
    private final Deployment cheap = deployment("cheap");
    private final Deployment fast = deployment("fast");
    private final Deployment flaky = deployment("flaky");
    private final List<Deployment> tier = List.of(flaky, fast, cheap);
    private final Map<Deployment, Signals> signals = new HashMap<>();

    StrategiesTest() {
        //                               inFlight ttft   latency tok/s  errors headroom price weight
        signals.put(cheap, new Signals(3, 900, NaN, 40, 0.02, 0.9, 0.5, 1));
        signals.put(fast, new Signals(1, 200, NaN, 150, 0.01, 0.6, 6.0, 3));
        signals.put(flaky, new Signals(0, 300, NaN, 120, 0.6, 1.0, 3.0, 1));
    }

    private static Deployment deployment(String id) {
        return new Deployment("g", "mock", id, null, null, null, null, null, null, Deployment.DEFAULT_ORDER, Map.of(), Map.of(), id, 0);
    }

    private List<String> rank(String strategy) {
        return Strategies.named(strategy).orElseThrow().rank(tier, signals::get).stream().map(Deployment::id).toList();
    }

    @Test
    void eachStrategyRanksByWhatItWeighs() {
        assertThat(rank("priority")).containsExactly("flaky", "fast", "cheap");
        assertThat(rank("cost")).containsExactly("cheap", "flaky", "fast");
        assertThat(rank("least-busy")).containsExactly("flaky", "fast", "cheap");
        assertThat(rank("availability")).containsExactly("flaky", "cheap", "fast");
        assertThat(rank("latency-based-routing")).containsExactly("fast", "flaky", "cheap");
        // intelligent, by the documented weights: cheap 0.776 (headroom 0.9, cheapest, slow), fast 0.720 (fastest, 40 %
        // of its window used), flaky 0.673 (full headroom, but fails 60 % of the time)
        assertThat(rank("intelligent")).containsExactly("cheap", "fast", "flaky");
    }

    @Test
    void anUnmeasuredDeploymentIsTriedFirstForLatencyAndAnUnpricedOneLastForCost() {
        signals.put(cheap, new Signals(0, NaN, NaN, NaN, 0, 1, NaN, 1));
        assertThat(rank("performance")).first().isEqualTo("cheap");
        assertThat(rank("cost-based-routing")).last().isEqualTo("cheap");
    }

    @Test
    void simpleShuffleDrawsByWeight() {
        int fastFirst = 0;
        for (int i = 0; i < 4000; i++) if (rank("simple-shuffle").get(0).equals("fast")) fastFirst++;
        assertThat(fastFirst / 4000.0).as("weight 3 of 5").isBetween(0.55, 0.65);
    }

    @Test
    void namesAsLiteLlmAndBatonUsersWriteThem() {
        assertThat(Strategies.named("usage_based_routing")).isPresent();
        assertThat(Strategies.named(" Cost-Based-Routing ")).isPresent();
        assertThat(Strategies.named("round-robin")).isEmpty();
        assertThat(Strategies.names()).contains("priority", "simple-shuffle", "least-busy", "usage-based-routing",
                "latency-based-routing", "cost-based-routing", "intelligent", "cost", "performance", "availability");
    }
}
