package dev.baton.routing;

import dev.baton.config.Deployment;
import dev.baton.config.Secret;
import java.util.Map;

/** Builds {@link Deployment}s for routing tests without a config file. */
final class Deployments {
    private Deployments() {
    }

    static Deployment of(String group, String model) {
        return of(group, model, Deployment.DEFAULT_ORDER, Map.of());
    }

    static Deployment of(String group, String model, int order) {
        return of(group, model, order, Map.of());
    }

    static Deployment of(String group, String model, int order, Map<String, Object> params) {
        return build(group, model, order, params, null, group + ":" + model);
    }

    static Deployment withId(String group, String model, String id) {
        return build(group, model, Deployment.DEFAULT_ORDER, Map.of(), null, id);
    }

    static Deployment passthrough(String group, String model, String id) {
        return build(group, model, Deployment.DEFAULT_ORDER, Map.of(), Secret.PASSTHROUGH, id);
    }

    private static Deployment build(String group, String model, int order, Map<String, Object> params, Secret key, String id) {
        int slash = model.indexOf('/');
        return new Deployment(group, model.substring(0, slash), model.substring(slash + 1), null, key, null, null,
                null, null, order, params, Map.of(), id, 0);
    }
}
