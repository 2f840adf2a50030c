package dev.baton.server;

import dev.baton.canonical.FailureException;
import dev.baton.config.Deployment;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.Wire;
import dev.baton.dialect.anthropic.AnthropicRequestDecoder;
import dev.baton.provider.Endpoint;
import dev.baton.provider.Upstream;
import dev.baton.provider.UpstreamRequest;
import dev.baton.provider.UpstreamResponse;
import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.GroupResolver;
import dev.baton.routing.RouteRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import dev.baton.usage.Limits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.Wire;
import dev.baton.dialect.anthropic.AnthropicRequestDecoder;

/**
 * `POST /v1/messages/count_tokens`. Claude Code calls it in bursts (dozens a second) for `/context` and to decide
 * when to compact: answers are cached briefly, only the first healthy Anthropic-dialect deployment is asked (once,
 * never through fallbacks, never cooling anything), and otherwise a conservative local estimate answers, so
 * counting never spends the quota that real requests need (field notes 21–23).
 */
final class CountTokensEndpoint {
    private static final long CACHE_MILLIS = 60_000;
    private static final int CACHE_ENTRIES = 1_000;

    private final Gateway gateway;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    private final Map<String, CompletableFuture<Cached>> inFlight = new ConcurrentHashMap<>();

    private record Cached(byte[] body, String source, long at) {
    }

    CountTokensEndpoint(Gateway gateway) {
        this.gateway = gateway;
    }

    void handle(Exchange ex, byte[] rawBody) {
        // the caller's bytes as they came: an Anthropic upstream gets them as sent, the local estimate parses them
        CallerBody body = new CallerBody(Wire.ANTHROPIC, RequestBody.countTokens(rawBody), AnthropicRequestDecoder::decode);
        String model = body.field("model").asString();
        List<String> names = resolve(ex, body).map(GroupResolver.Resolution::allowListNames).orElse(List.of(model));
        if (!Limits.mayUseAny(ex.caller.key(), names)) { // counting is a use of the model like any other
            throw new HttpErrors.BadRequest(403, "key " + ex.caller.key().label() + " may not use model '" + model + "'");
        }
        String key = Fingerprint.of(ex.caller.credentialFingerprint(), rawBody);
        Cached hit = fresh(key);
        if (hit == null) hit = countOnce(key, ex, body);
        ex.out.send(200, Map.of("x-baton-count-source", hit.source()), "application/json", hit.body());
    }

    /**
     * Counts, unless an identical count is already in flight: a burst arrives before the first answer could be
     * cached, and each of them must not go upstream (field notes 23).
     */
    private Cached countOnce(String key, Exchange ex, CallerBody body) {
        CompletableFuture<Cached> mine = new CompletableFuture<>();
        CompletableFuture<Cached> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            Cached shared = running.exceptionally(failed -> null).join();
            return shared != null ? shared : count(ex, body);
        }
        try {
            Cached counted = fresh(key); // a count that finished since this caller looked
            if (counted == null) {
                counted = count(ex, body);
                synchronized (cache) {
                    cache.put(key, counted);
                }
            }
            mine.complete(counted);
            return counted;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** The cached answer for this key, or null when there is none or it is older than the cache keeps answers. */
    private Cached fresh(String key) {
        Cached c;
        synchronized (cache) {
            c = cache.get(key);
        }
        return c == null || System.currentTimeMillis() - c.at() > CACHE_MILLIS ? null : c;
    }

    private Cached count(Exchange ex, CallerBody body) {
        Optional<GroupResolver.Resolution> resolution = resolve(ex, body);
        if (resolution.isPresent()) {
            for (Deployment d : resolution.get().group().deployments()) {
                Upstream upstream = gateway.upstream(d);
                DeploymentHealth health = gateway.engine().health().of(d, ex.caller.credentialFingerprint());
                if (health.state(Instant.now()) == DeploymentHealth.State.COOLING) continue;
                if (!upstream.countsTokens()) break; // the first usable deployment decides how to count
                byte[] counted = askUpstream(upstream, d, resolution.get().upstreamModel(d), body, ex);
                if (counted != null) return new Cached(counted, "upstream", System.currentTimeMillis());
                break;
            }
        }
        int estimate = gateway.tokens().estimate(body.raw());
        byte[] json = ("{\"input_tokens\":" + estimate + "}").getBytes(StandardCharsets.UTF_8);
        return new Cached(json, "estimate", System.currentTimeMillis());
    }

    private byte[] askUpstream(Upstream upstream, Deployment d, String model, CallerBody body, Exchange ex) {
        UpstreamRequest req = new UpstreamRequest(d, model, Endpoint.COUNT_TOKENS, body, false, ex.caller.context(),
                ChatEndpoint.timeouts(gateway.config().baton(), d));
        try (UpstreamResponse r = upstream.open(req)) {
            if (r.status() != 200) return null;
            byte[] bytes = r.body().readNBytes(64 * 1024);
            return new String(bytes, StandardCharsets.UTF_8).contains("input_tokens") ? bytes : null;
        } catch (FailureException | IOException e) {
            return null;
        }
    }

    /** The group the request itself would go to, route rules included: it decides which upstream may count. */
    private Optional<GroupResolver.Resolution> resolve(Exchange ex, CallerBody body) {
        return gateway.rules().route(body.field("model").asString(), body, body.size(), group -> Limits.mayUse(ex.caller.key(), group))
                .map(RouteRules.Routed::resolution);
    }
}
