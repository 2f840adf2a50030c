package dev.baton.ui;

import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.GroupResolver;
import dev.baton.routing.ModelGroup;
import dev.baton.server.DeploymentView;
import dev.baton.server.Gateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each model group's chain, in the order the strategy in force ranks it now, and each deployment's state in it: the
 * one place the dashboard learns routing state, read through the admin API's {@link DeploymentView}. A deployment
 * that passes callers' own credentials through is shown for its own credential; per-caller health is not listed.
 */
final class DeploymentStates {

    /**
     * One deployment as the live view shows it.
     *
     * @param state serving (where new traffic goes), standby, cooling, probation, recovering, or near-limit (passed
     *              over until its rate-limit window resets)
     */
    record DeploymentState(String id, String group, String state, DeploymentView view) {
    }

    record GroupChain(String group, List<DeploymentState> chain) {
    }

    private final Gateway gateway;
    private final List<ModelGroup> groups;

    DeploymentStates(Gateway gateway) {
        this.gateway = gateway;
        this.groups = new GroupResolver(gateway.config().modelList()).groups();
    }

    /** The strategy in force (switchable while Baton runs). */
    String strategy() {
        return gateway.engine().ranker().strategy().name();
    }

    /** The share of a rate-limit window past which a deployment is passed over. */
    double rateLimitThreshold() {
        return gateway.routingSettings().rateLimitThreshold();
    }

    List<GroupChain> chains() {
        Map<String, DeploymentView> views = new HashMap<>();
        for (DeploymentView v : DeploymentView.all(gateway)) views.put(v.deployment().id(), v);
        List<GroupChain> out = new ArrayList<>();
        for (ModelGroup g : groups) {
            List<DeploymentState> chain = new ArrayList<>();
            boolean servingFound = false;
            for (FallbackEngine.Candidate c : gateway.engine().chain(new GroupResolver.Resolution(g, g.name(), null), true)) {
                DeploymentView v = views.get(c.deployment().id());
                String state = switch (v.state()) {
                    case COOLING -> "cooling";
                    case PROBATION -> "probation";
                    case RECOVERING -> "recovering";
                    case HEALTHY -> v.predictedLimited() ? "near-limit" : servingFound ? "standby" : "serving";
                };
                // the first that takes all the new traffic it is offered; one on probation or recovering takes some
                if (v.state() == DeploymentHealth.State.HEALTHY && !v.predictedLimited()) servingFound = true;
                chain.add(new DeploymentState(c.deployment().id(), c.group().name(), state, v));
            }
            out.add(new GroupChain(g.name(), chain));
        }
        return out;
    }
}
