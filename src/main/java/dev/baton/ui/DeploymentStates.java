package dev.baton.ui;

import dev.baton.canonical.Failure;
import dev.baton.config.Deployment;
import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.GroupResolver;
import dev.baton.routing.HealthRegistry;
import dev.baton.routing.ModelGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each model group's chain and the state of each deployment in it, read from the gateway's health registry: the one
 * place the dashboard learns routing state, so a richer source (an admin API of the router) replaces only this class.
 * A deployment that passes callers' own credentials through is shown for its own credential; per-caller health is
 * not listed.
 */
final class DeploymentStates {
    /** The order the chain is tried in; the router has no other strategy yet. */
    static final String STRATEGY = "priority (order)";

    /** One deployment as the live view shows it. */
    record DeploymentState(String id, String group, String model, String state, long coolingLeftMs, String lastFailure) {
    }

    record GroupChain(String group, List<DeploymentState> chain) {
    }

    private final FallbackEngine engine;
    private final List<ModelGroup> groups;

    DeploymentStates(FallbackEngine engine, List<Deployment> modelList) {
        this.engine = engine;
        this.groups = new GroupResolver(modelList).groups();
    }

    List<GroupChain> chains(Instant now) {
        HealthRegistry health = engine.health();
        List<GroupChain> out = new ArrayList<>();
        for (ModelGroup g : groups) {
            List<DeploymentState> chain = new ArrayList<>();
            boolean servingFound = false;
            for (FallbackEngine.Candidate c : engine.chain(new GroupResolver.Resolution(g, g.name(), null), true)) {
                DeploymentHealth h = health.of(c.deployment());
                DeploymentHealth.State s = h.state(now);
                String state = switch (s) {
                    case COOLING -> "cooling";
                    case PROBATION -> "probation";
                    case RECOVERING -> "recovering";
                    case HEALTHY -> servingFound ? "standby" : "serving";
                };
                if (s != DeploymentHealth.State.COOLING && !servingFound) {
                    servingFound = true; // the first deployment the next request would try (a probation one probes)
                }
                long left = s == DeploymentHealth.State.COOLING ? Duration.between(now, h.availableAt(now)).toMillis() : 0;
                Failure f = h.lastFailure();
                chain.add(new DeploymentState(c.deployment().id(), c.group().name(), c.deployment().model(), state, left,
                        f == null ? null : f.detail()));
            }
            out.add(new GroupChain(g.name(), chain));
        }
        return out;
    }
}
