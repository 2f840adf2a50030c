package dev.baton.server;

import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.DeploymentStats;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.HealthRegistry;
import dev.baton.routing.ModelGroup;
import dev.baton.routing.QuotaForecast;
import dev.baton.routing.Ranker;
import dev.baton.routing.RoutingSettings;
import dev.baton.routing.strategy.Signals;
import dev.baton.routing.strategy.Strategies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routing admin API (master key): each deployment's health, cooldown, predicted quota, traffic figures and
 * strategy score; a provider's deployments at a glance; cooling or recovering a deployment by hand; the routing
 * strategy, switchable while Baton runs. Per instance: cooldowns set here are shared through Redis like any other,
 * a recovery and a strategy switch apply to the instance that takes them.
 *
 * <pre>
 * GET  /admin/deployments                      GET  /admin/routing-strategy
 * GET  /admin/provider/{provider}/health       POST /admin/routing-strategy {"strategy": "cost"}
 * POST /admin/deployments/{id}/cooldown {"seconds": 60}
 * POST /admin/deployments/{id}/recover
 * </pre>
 */
final class AdminEndpoints {
    private final Gateway gateway;
    private final RoutingSettings routing;
    private final Clock clock = Clock.systemUTC();

    AdminEndpoints(Gateway gateway, RoutingSettings routing) {
        this.gateway = gateway;
        this.routing = routing;
    }

    /** Answers one admin request; {@code body} is read only by the routes that take one. */
    byte[] handle(String method, String path, java.util.function.Supplier<byte[]> body) {
        List<String> parts = segments(path);
        if (parts.equals(List.of("admin", "deployments"))) {
            requireMethod(method, "GET", path);
            return json(deployments(null));
        }
        if (parts.equals(List.of("admin", "routing-strategy"))) {
            if (method.equals("POST")) switchStrategy(body.get());
            else requireMethod(method, "GET", path);
            return json(strategy());
        }
        if (parts.size() == 4 && parts.get(1).equals("provider") && parts.get(3).equals("health")) {
            requireMethod(method, "GET", path);
            return json(provider(parts.get(2)));
        }
        if (parts.size() == 4 && parts.get(1).equals("deployments")) {
            requireMethod(method, "POST", path);
            Deployment d = deployment(parts.get(2));
            DeploymentHealth h = gateway.engine().health().of(d);
            switch (parts.get(3)) {
                case "cooldown" -> h.coolFor(clock.instant(), cooldown(body.get()));
                case "recover" -> h.recover();
                default -> throw notFound(path);
            }
            return json(describe(d, groupOf(d)));
        }
        throw notFound(path);
    }

    private ObjectNode deployments(String provider) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("strategy", gateway.engine().ranker().strategy().name());
        out.put("rate_limit_threshold", routing.rateLimitThreshold());
        ArrayNode list = out.putArray("deployments");
        for (ModelGroup g : gateway.groups().groups()) {
            Map<Deployment, Double> scores = Strategies.intelligentScores(g.deployments(), d -> signals(d));
            for (Deployment d : g.deployments()) {
                if (provider != null && !d.provider().equals(provider)) continue;
                list.add(describe(d, g).put("score", round(scores.get(d))));
            }
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

    private ObjectNode describe(Deployment d, ModelGroup g) {
        HealthRegistry health = gateway.engine().health();
        Instant now = clock.instant();
        DeploymentHealth h = health.of(d);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", d.id()).put("group", g.name()).put("provider", d.provider()).put("model", d.model()).put("order", d.order());
        DeploymentHealth.State state = h.state(now);
        o.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        o.put("cooldown_left_ms", state == DeploymentHealth.State.COOLING ? Duration.between(now, h.availableAt(now)).toMillis() : 0);
        o.put("cooldowns_in_a_row", h.cooldownsInARow());
        o.put("traffic_share", round(h.share()));
        o.put("last_failure", h.lastFailure() == null ? null : h.lastFailure().detail());
        QuotaForecast q = health.forecast(d, null);
        ObjectNode quota = o.putObject("quota");
        quota.put("used", round(q.used(now)));
        quota.put("resets_at", q.resetAt().equals(Instant.MIN) ? null : q.resetAt().toString());
        quota.put("predicted_limited", q.nearLimit(now, routing.rateLimitThreshold()));
        DeploymentStats.Snapshot s = health.stats(d).snapshot();
        ObjectNode stats = o.putObject("stats");
        stats.put("in_flight", s.inFlight()).put("requests", s.requests());
        stats.put("ttft_ms", round(s.ttftMs())).put("latency_ms", round(s.latencyMs()));
        stats.put("tokens_per_second", round(s.tokensPerSecond())).put("error_rate", round(s.errorRate()));
        o.put("price_per_mtok", round(signals(d).pricePerMTok()));
        return o;
    }

    private ObjectNode strategy() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("strategy", gateway.engine().ranker().strategy().name());
        ArrayNode names = o.putArray("available");
        Strategies.names().forEach(names::add);
        return o;
    }

    private void switchStrategy(byte[] body) {
        String name = object(body).path("strategy").asString(null);
        if (name == null) throw new HttpErrors.BadRequest(400, "strategy: field required, one of " + Strategies.names());
        Ranker ranker = gateway.engine().ranker();
        ranker.use(Strategies.named(name).orElseThrow(() -> new HttpErrors.BadRequest(400,
                "strategy: unknown routing strategy '" + name + "'; known: " + String.join(", ", Strategies.names()))));
    }

    private Duration cooldown(byte[] body) {
        JsonNode seconds = object(body).path("seconds");
        if (seconds.isMissingNode() || seconds.isNull()) return gateway.config().router().cooldownTime();
        if (!seconds.isNumber() || !(seconds.asDouble() > 0) || seconds.asDouble() > 7 * 24 * 3600) {
            throw new HttpErrors.BadRequest(400, "seconds: a positive number of seconds, at most a week");
        }
        return Duration.ofMillis((long) (seconds.asDouble() * 1000));
    }

    private Signals signals(Deployment d) {
        return gateway.engine().ranker().signals(d, d.model(), null);
    }

    private Deployment deployment(String id) {
        for (Deployment d : gateway.config().modelList()) if (d.id().equals(id)) return d;
        throw new HttpErrors.BadRequest(404, "no deployment with id '" + id + "'");
    }

    private ModelGroup groupOf(Deployment d) {
        return gateway.groups().group(d.modelName()).orElseThrow();
    }

    private static JsonNode object(byte[] body) {
        if (body.length == 0) return Json.MAPPER.createObjectNode();
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (!n.isObject()) throw new HttpErrors.BadRequest(400, "request body must be a JSON object");
            return n;
        } catch (JacksonException e) {
            throw new HttpErrors.BadRequest(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
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

    /** Three decimals, and null for what is not measured yet. */
    private static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
    }
}
