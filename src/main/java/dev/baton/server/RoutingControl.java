package dev.baton.server;

import dev.baton.config.Deployment;
import dev.baton.routing.HealthRegistry;
import dev.baton.routing.Ranker;
import dev.baton.routing.strategy.RoutingStrategy;
import dev.baton.routing.strategy.Strategies;
import dev.baton.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator may change in routing while Baton runs, from the admin API or the dashboard alike: the strategy,
 * and a deployment cooled down or put back into service by hand. Each change is logged with who asked. Refusals are
 * {@link IllegalArgumentException} (a bad value) and {@link NoSuchElementException} (no such deployment), which
 * {@link #refusing} turns into each caller's own error.
 */
public final class RoutingControl {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingControl.class);
    private static final double MAX_COOLDOWN_SECONDS = 7 * 24 * 3600;
    private static final String STRATEGY_TOPIC = "routing-strategy";
    private static final String RECOVER_TOPIC = "deployment-recovered";

    private final Gateway gateway;

    public RoutingControl(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Switches the strategy for every request from now on, on this instance and on the others that share its Redis,
     * those started later included, as long as their config names the strategy this one's does: a switch outlives
     * restarts, not a change of the config.
     *
     * @param name a strategy's name or alias (`cost`, `latency-based-routing`, ...)
     * @param by   who asked, for the log
     * @return the strategy now in force
     */
    public RoutingStrategy switchStrategy(String name, String by) {
        if (name == null) throw new IllegalArgumentException("strategy: field required, one of " + String.join(", ", Strategies.names()));
        RoutingStrategy next = Strategies.named(name).orElseThrow(() -> new IllegalArgumentException(
                "strategy: unknown routing strategy '" + name + "'; known: " + String.join(", ", Strategies.names())));
        Ranker ranker = gateway.engine().ranker();
        RoutingStrategy before = ranker.strategy();
        ranker.use(next);
        LOG.info("routing strategy switched from {} to {} by {}", before.name(), next.name(), by);
        gateway.state().keep(STRATEGY_TOPIC, next.name() + " " + gateway.configuredStrategy().name());
        return next;
    }

    /**
     * Follows the strategy switches (the one in force when this instance starts included) and recoveries made on the
     * other instances that share this one's state (Redis). A switch made on an instance configured with another
     * strategy than {@code configured} is not followed.
     */
    static void followOtherInstances(StateStore state, Ranker ranker, RoutingStrategy configured, HealthRegistry health,
                                     List<Deployment> deployments) {
        state.onBroadcast(STRATEGY_TOPIC, message -> {
            String[] names = message.split(" ", 2); // the strategy switched to, and the one configured where it was
            Optional<RoutingStrategy> next = Strategies.named(names[0]);
            if (next.isEmpty()) return;
            if (names.length == 2 && !names[1].equals(configured.name())) {
                LOG.info("routing strategy {} chosen on an instance configured with {}: this one keeps its config's {}",
                        next.get().name(), names[1], configured.name());
                return;
            }
            RoutingStrategy before = ranker.strategy();
            ranker.use(next.get());
            LOG.info("routing strategy switched from {} to {} on another instance", before.name(), next.get().name());
        });
        state.onBroadcast(RECOVER_TOPIC, id -> deployments.stream().filter(d -> d.id().equals(id)).findFirst().ifPresent(d -> {
            health.of(d).recoveredElsewhere();
            LOG.info("{} put back into service on another instance", d.id());
        }));
    }

    /**
     * Cools a deployment from now: passed over while others can serve, and on probation after.
     *
     * @param seconds how long; null for `cooldown_time`
     */
    public DeploymentView coolDown(String id, Double seconds, String by) {
        Deployment d = deployment(id);
        Duration length = seconds == null ? gateway.config().router().cooldownTime() : cooldown(seconds);
        gateway.engine().health().of(d).coolFor(Instant.now(), length);
        LOG.info("{} cooled down for {} ms by {}", d.id(), length.toMillis(), by);
        return DeploymentView.of(gateway, d);
    }

    /** Puts a deployment back into service at once: no cooldown, no probation, failures forgotten. */
    public DeploymentView recover(String id, String by) {
        Deployment d = deployment(id);
        gateway.engine().health().of(d).recover();
        LOG.info("{} put back into service by {}", d.id(), by);
        gateway.state().broadcast(RECOVER_TOPIC, d.id());
        return DeploymentView.of(gateway, d);
    }

    /**
     * Runs a change, a refusal becoming the caller's own error: {@code refusal} gets 400 for a bad value, 404 for no
     * such deployment, and the message.
     */
    public static <T> T refusing(Supplier<T> change, BiFunction<Integer, String, ? extends RuntimeException> refusal) {
        try {
            return change.get();
        } catch (NoSuchElementException e) {
            throw refusal.apply(404, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw refusal.apply(400, e.getMessage());
        }
    }

    private Deployment deployment(String id) {
        if (id == null) throw new IllegalArgumentException("deployment: field required, a deployment's id");
        for (Deployment d : gateway.config().modelList()) if (d.id().equals(id)) return d;
        throw new NoSuchElementException("no deployment with id '" + id + "'");
    }

    private static Duration cooldown(double seconds) {
        if (!(seconds > 0) || seconds > MAX_COOLDOWN_SECONDS) {
            throw new IllegalArgumentException("seconds: a positive number of seconds, at most a week");
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
