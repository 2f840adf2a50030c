package dev.baton.server;

import dev.baton.dialect.Json;
import dev.baton.routing.RoutingSettings;
import dev.baton.routing.strategy.Strategies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routing admin API (master key): each deployment's health, cooldown, predicted quota, traffic figures and
 * strategy score; a provider's deployments at a glance; cooling or recovering a deployment by hand; the routing
 * strategy, switchable while Baton runs. With Redis, cooldowns set here are shared like any other, and a recovery or
 * a strategy switch reaches the instances running then.
 *
 * <pre>
 * GET  /admin/deployments                      GET  /admin/routing-strategy
 * GET  /admin/provider/{provider}/health       POST /admin/routing-strategy {"strategy": "cost"}
 * POST /admin/deployments/{id}/cooldown {"seconds": 60}
 * POST /admin/deployments/{id}/recover
 * </pre>
 */
final class AdminEndpoints {
    private static final String BY = "the admin API";
    private final Gateway gateway;
    private final RoutingSettings routing;
    private final RoutingControl control;

    AdminEndpoints(Gateway gateway, RoutingSettings routing) {
        this.gateway = gateway;
        this.routing = routing;
        this.control = new RoutingControl(gateway);
    }

    /** Answers one admin request; {@code body} is read only by the routes that take one. */
    byte[] handle(String method, String path, Supplier<byte[]> body) {
        List<String> parts = segments(path);
        if (parts.equals(List.of("admin", "deployments"))) {
            requireMethod(method, "GET", path);
            return json(deployments(null));
        }
        if (parts.equals(List.of("admin", "routing-strategy"))) {
            if (method.equals("POST")) refusing(() -> control.switchStrategy(HttpErrors.jsonObject(body.get()).path("strategy").asString(null), BY));
            else requireMethod(method, "GET", path);
            return json(strategy());
        }
        if (parts.size() == 4 && parts.get(1).equals("provider") && parts.get(3).equals("health")) {
            requireMethod(method, "GET", path);
            return json(provider(parts.get(2)));
        }
        if (parts.size() == 4 && parts.get(1).equals("deployments")) {
            requireMethod(method, "POST", path);
            String id = parts.get(2);
            return json(switch (parts.get(3)) {
                case "cooldown" -> refusing(() -> control.coolDown(id, seconds(body.get()), BY)).toJson();
                case "recover" -> refusing(() -> control.recover(id, BY)).toJson();
                default -> throw notFound(path);
            });
        }
        throw notFound(path);
    }

    /** A change {@link RoutingControl} refuses, as the admin API's 400 or 404. */
    private static <T> T refusing(Supplier<T> change) {
        return RoutingControl.refusing(change, HttpErrors.BadRequest::new);
    }

    private ObjectNode deployments(String provider) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("strategy", gateway.engine().ranker().strategy().name());
        out.put("rate_limit_threshold", routing.rateLimitThreshold());
        ArrayNode list = out.putArray("deployments");
        for (DeploymentView v : DeploymentView.all(gateway)) {
            if (provider == null || v.deployment().provider().equals(provider)) list.add(v.toJson());
        }
        return out;
    }

    private ObjectNode provider(String provider) {
        ObjectNode out = deployments(provider);
        if (out.path("deployments").isEmpty()) throw new HttpErrors.BadRequest(404, "no deployment of provider '" + provider + "'");
        out.put("provider", provider);
        int available = 0;
        for (JsonNode d : out.path("deployments")) if (!d.path("state").asString().equals("cooling")) available++;
        out.put("available", available);
        out.put("total", out.path("deployments").size());
        out.put("healthy", available > 0);
        return out;
    }

    private ObjectNode strategy() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("strategy", gateway.engine().ranker().strategy().name());
        ArrayNode names = o.putArray("available");
        Strategies.names().forEach(names::add);
        return o;
    }

    /** `{"seconds": 60}`; null (so `cooldown_time`) when absent, NaN (refused) when not a number. */
    private static Double seconds(byte[] body) {
        JsonNode seconds = HttpErrors.jsonObject(body).path("seconds");
        if (seconds.isMissingNode() || seconds.isNull()) return null;
        return seconds.isNumber() ? seconds.asDouble() : Double.NaN;
    }


    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) if (!s.isEmpty()) out.add(java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!method.equals(expected)) throw new HttpErrors.BadRequest(405, "use " + expected + " on " + path);
    }

    private static HttpErrors.BadRequest notFound(String path) {
        return new HttpErrors.BadRequest(404, "no admin route " + path + " (GET /admin/deployments, GET /admin/provider/{provider}/health, "
                + "POST /admin/deployments/{id}/cooldown, POST /admin/deployments/{id}/recover, GET or POST /admin/routing-strategy)");
    }

    private static byte[] json(JsonNode n) {
        return Json.MAPPER.writeValueAsBytes(n);
    }
}
