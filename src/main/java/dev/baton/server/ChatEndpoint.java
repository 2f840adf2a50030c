package dev.baton.server;

import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.Usage;
import dev.baton.config.BatonSettings;
import dev.baton.config.Deployment;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.JsonFields;
import dev.baton.provider.Endpoint;
import dev.baton.provider.HttpTransport;
import dev.baton.provider.QuotaHeaders;
import dev.baton.provider.Timeouts;
import dev.baton.provider.Upstream;
import dev.baton.provider.UpstreamRequest;
import dev.baton.provider.UpstreamResponse;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.FallbackEngine.AttemptResult;
import dev.baton.routing.FallbackEngine.Outcome;
import dev.baton.routing.RouteRules;
import dev.baton.dialect.Turns;
import dev.baton.usage.Limits;
import dev.baton.usage.UsageTap;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A chat request in the caller's dialect (`POST /v1/messages`, `POST /v1/chat/completions`) to whichever deployment
 * serves it: same-dialect bodies pass through, others are translated both ways. Fallback before the first content
 * byte is invisible to the caller; after it, a broken or stalled upstream stream ends with an error event in the
 * caller's dialect so the client retries.
 */
final class ChatEndpoint {
    private static final int MAX_ERROR_BODY = 1 << 20;
    /** Upstream headers worth passing back to the caller. */
    private static final List<String> PASSED_BACK = List.of("request-id", "x-request-id", "anthropic-organization-id");

    private final Gateway gateway;
    private final CallerDialect dialect;
    private final StreamKeepAlive keepAlive;
    private final DeploymentQuota quota;

    ChatEndpoint(Gateway gateway, CallerDialect dialect, StreamKeepAlive keepAlive) {
        this.gateway = gateway;
        this.dialect = dialect;
        this.keepAlive = keepAlive;
        this.quota = new DeploymentQuota(gateway.state(), java.time.Clock.systemUTC());
    }

    /** A whole answer, or an upstream's refusal of the request, ready for the caller; {@code usage} for the account. */
    record Answer(int status, Map<String, String> headers, byte[] body, Usage usage) {
        Answer(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, null);
        }
    }

    /**
     * Routes the request. A whole answer is sent before it returns; for a stream that has begun, it returns the rest
     * of the stream to run, which the caller runs after this frame is gone: a frame waiting on the upstream keeps
     * what it refers to alive, and an open stream must not keep the caller's body (2,000 open streams of 80 KB
     * Claude Code turns would hold 160 MB of request bodies). Null when there is nothing left to run.
     */
    Runnable handle(Exchange ex, byte[] rawBody, String sessionHeader) {
        JsonFields fields = RequestBody.scan(rawBody, dialect);
        String requested = fields.node("model").asString();
        // LiteLLM's per-request opt-out; not a provider field, so it must not reach the upstream (field notes 26)
        JsonNode optOut = fields.node("disable_fallbacks");
        boolean useFallbacks = optOut == null || !optOut.asBoolean(false);
        // the tree is built only when something needs it: a same-dialect upstream gets the caller's bytes
        CallerBody callerBody = new CallerBody(dialect.wire(), fields, dialect::decodeRequest).without("disable_fallbacks");
        java.util.function.Predicate<String> mayUse = group -> Limits.mayUse(ex.caller.key(), group);
        RouteRules.Routed routed = gateway.rules().route(requested, callerBody, rawBody.length, mayUse).orElseThrow(() -> unknownModel(requested));
        if (routed.rule() != null) ex.routeRule = routed.rule().key();
        FallbackEngine.Route route = new FallbackEngine.Route(routed.resolution(),
                SessionId.of(sessionHeader, callerBody.field("metadata"), ex.caller), ex.caller.credentialFingerprint(), useFallbacks,
                mayUse, () -> Turns.atUserTurn(callerBody));
        gateway.journal().observe(route.session(), callerBody::raw); // repo: auto learns the session's working directory
        JsonNode streamField = callerBody.field("stream");
        boolean stream = streamField != null && streamField.asBoolean(false);
        ex.meter = gateway.meter(ex, route, callerBody, stream); // usage account; refuses what the caller's key does not allow
        Call call = new Call(ex, route, callerBody, requested, stream, rawBody.length,
                new ContextFit(gateway.metering().catalog(), callerBody, rawBody.length, ex.caller.context()));
        if (call.stream) return streamed(call, route);
        whole(call, route);
        return null;
    }

    /** One caller request on its way through the deployments. */
    private final class Call {
        final Exchange ex;
        final FallbackEngine.Route route;
        final CallerBody body;
        final String requested;
        final boolean stream;
        final int bodyBytes;
        final ContextFit fit;
        /** The upstream's refusal of the request itself, shown to the caller when nothing else serves. */
        Answer refusal;

        Call(Exchange ex, FallbackEngine.Route route, CallerBody body, String requested, boolean stream, int bodyBytes, ContextFit fit) {
            this.route = route;
            this.bodyBytes = bodyBytes;
            this.fit = fit;
            this.ex = ex;
            this.body = body;
            this.requested = requested;
            this.stream = stream;
        }

        /** Why this deployment is passed over without being asked (too small a window, its own rpm/tpm), or null. */
        Failure admit(FallbackEngine.Candidate c) {
            Failure tooLong = fit.check(c);
            return tooLong != null ? tooLong : quota.take(c.deployment(), bodyBytes);
        }

        UpstreamRequest upstreamRequest(FallbackEngine.Candidate c, boolean upstreamStreams) {
            return new UpstreamRequest(c.deployment(), c.upstreamModel(), Endpoint.MESSAGES, body, upstreamStreams,
                    ex.caller.context(), timeouts(gateway.config().baton(), c.deployment()));
        }

        /**
         * Tells routing how full the deployment's rate-limit window is, by its answer's headers or Baton's own count
         * against its rpm/tpm, whichever is fuller, so that it is passed over before it would answer 429.
         */
        void observe(FallbackEngine.Candidate c, UpstreamResponse r) {
            Instant now = Instant.now();
            QuotaHeaders.Reading said = QuotaHeaders.read(r.headers(), now).orElse(null);
            QuotaHeaders.Reading counted = quota.used(c.deployment());
            QuotaHeaders.Reading fuller = said == null ? counted : counted == null || said.used() >= counted.used() ? said : counted;
            if (fuller != null) gateway.engine().quota(route, c, fuller.used(), fuller.resetAt());
        }

        boolean sameDialect(Upstream upstream) {
            return upstream.wire() == dialect.wire();
        }

        /** Classifies a non-200 answer and remembers a refusal, in the caller's dialect, for when nothing serves. */
        <T> AttemptResult<T> failed(Upstream upstream, UpstreamResponse r, byte[] bytes) {
            Failure f = upstream.classify(r.status(), r.headers(), bytes, Instant.now());
            if (!f.fallsBack()) {
                byte[] shown = sameDialect(upstream) ? bytes : dialect.errorBody(r.status(), f.detail());
                refusal = new Answer(r.status(), passedBack(r), shown);
            }
            return new AttemptResult.Failed<>(f);
        }

        /** The caller's body could not be translated: a 400 in the caller's dialect, never a fallback. */
        <T> AttemptResult<T> invalid(InvalidRequestException e) {
            refusal = new Answer(400, Map.of(), dialect.errorBody(400, e.getMessage()));
            return new AttemptResult.Failed<>(new Failure.Rejected(400, e.getMessage()));
        }
    }

    private HttpErrors.BadRequest unknownModel(String requested) {
        List<String> names = new ArrayList<>();
        gateway.groups().groups().forEach(g -> names.add(g.name()));
        return new HttpErrors.BadRequest(404, "model '" + requested + "' is not served by this gateway; configured model groups: " + names);
    }

    private void whole(Call call, FallbackEngine.Route route) {
        Outcome<Answer> outcome = gateway.engine().route(route, c -> {
            Upstream upstream = gateway.upstream(c.deployment());
            UpstreamRequest req;
            try {
                Failure skipped = call.admit(c);
                if (skipped != null) return new AttemptResult.Failed<>(skipped);
                req = call.upstreamRequest(c, true); // asked as a stream: see WholeFromStream
                try (UpstreamResponse r = upstream.open(req)) {
                    call.observe(c, r);
                    byte[] bytes;
                    try {
                        if (r.status() == 200 && isEventStream(r)) {
                            WholeFromStream.Read read = WholeFromStream.read(r.body(), upstream.streamDecoder(req),
                                    call.sameDialect(upstream) ? dialect.answerAssembler() : null, dialect, call.requested);
                            return new AttemptResult.Ok<>(new Answer(200, passedBack(r), read.body(), read.response().usage()));
                        }
                        bytes = r.status() == 200 ? r.body().readAllBytes() : readBounded(r.body());
                    } catch (IOException e) {
                        return new AttemptResult.Failed<>(HttpTransport.duringBody(e, true));
                    }
                    if (r.status() != 200) return call.failed(upstream, r, bytes);
                    if (call.sameDialect(upstream)) {
                        JsonFields answer = scanned(bytes);
                        Failure malformed = notAnAnswer(answer);
                        if (malformed != null) return new AttemptResult.Failed<>(malformed);
                        return new AttemptResult.Ok<>(new Answer(200, passedBack(r), bytes, UsageTap.ofMessage(answer)));
                    }
                    ChatResponse decoded = upstream.decode(bytes, req);
                    return new AttemptResult.Ok<>(new Answer(200, passedBack(r), dialect.encodeResponse(decoded, call.requested), decoded.usage()));
                }
            } catch (FailureException e) {
                return new AttemptResult.Failed<>(e.failure());
            } catch (InvalidRequestException e) {
                return call.invalid(e);
            }
        });
        switch (outcome) {
            case Outcome.Served<Answer> s -> {
                call.ex.meter.served(s.by(), s.attempts());
                call.ex.meter.usage(s.value().usage());
                Map<String, String> h = new LinkedHashMap<>(s.value().headers());
                h.putAll(call.ex.batonHeaders(s.by().deployment().id(), s));
                call.ex.out.send(200, h, "application/json", s.value().body());
            }
            case Outcome.NotServed<Answer> ns -> {
                call.ex.meter.notServed(ns.attempts());
                notServed(call, ns);
            }
        }
    }

    /** Routes a stream; returns the rest of it (see {@link #handle}), or null when it ended unserved. */
    private Runnable streamed(Call call, FallbackEngine.Route route) {
        Map<String, String> early = call.ex.routeRule == null ? Map.of("x-baton-attempts", "0")
                : Map.of("x-baton-attempts", "0", "x-baton-route", call.ex.routeRule);
        StreamKeepAlive.Watch watch = keepAlive.watch(call.ex.out, early, dialect);
        try {
            Outcome<OpenedStream> outcome = gateway.engine().route(route, c -> open(call, c));
            switch (outcome) {
                case Outcome.Served<OpenedStream> s -> {
                    call.ex.meter.served(s.by(), s.attempts());
                    Map<String, String> h = new LinkedHashMap<>(s.value().headers());
                    h.putAll(call.ex.batonHeaders(s.by().deployment().id(), s));
                    return forwarding(s.value(), h, s.value().passthrough() ? null : dialect.streamEncoder(call.body.field("stream_options"), call.requested),
                            s.by().deployment().id(), call.ex, gateway.engine().blameFor(route, s.by()), watch);
                }
                case Outcome.NotServed<OpenedStream> ns -> {
                    call.ex.meter.notServed(ns.attempts());
                    if (!call.ex.out.committed()) {
                        notServed(call, ns);
                    } else { // only pings went out: the error has to travel as an event
                        NotServedResponse r = NotServedResponse.of(call.requested, ns, Instant.now());
                        call.ex.out.stream(dialect.errorEvent(r.status(), r.message()), true);
                        call.ex.out.end();
                    }
                    watch.close();
                    return null;
                }
            }
        } catch (RuntimeException | Error e) {
            watch.close();
            throw e;
        }
    }

    /** The rest of a stream: only what forwarding needs, nothing that holds the caller's body. */
    private Runnable forwarding(OpenedStream opened, Map<String, String> headers, dev.baton.dialect.StreamEncoder encoder, String deployment,
                                Exchange ex, FallbackEngine.Blame blame, StreamKeepAlive.Watch watch) {
        return () -> {
            try (watch) {
                Failure broke = opened.forward(ex.out, headers, dialect, encoder, deployment, ex.meter, gateway.engine()::shuttingDown);
                if (broke != null) gateway.engine().failedAfterContent(blame, broke);
            }
        };
    }

    private AttemptResult<OpenedStream> open(Call call, FallbackEngine.Candidate c) {
        Upstream upstream = gateway.upstream(c.deployment());
        UpstreamRequest req;
        UpstreamResponse r;
        try {
            Failure skipped = call.admit(c);
            if (skipped != null) return new AttemptResult.Failed<>(skipped);
            req = call.upstreamRequest(c, true);
            r = upstream.open(req);
            call.observe(c, r);
        } catch (FailureException e) {
            return new AttemptResult.Failed<>(e.failure());
        } catch (InvalidRequestException e) {
            return call.invalid(e);
        }
        try {
            if (r.status() != 200) {
                AttemptResult<OpenedStream> f = call.failed(upstream, r, readBounded(r.body()));
                r.abort();
                return f;
            }
            if (!isEventStream(r)) {
                r.abort();
                return new AttemptResult.Failed<>(new Failure.Malformed("upstream answered a stream request with " + r.header("content-type")));
            }
            return OpenedStream.awaitContent(r, upstream.streamDecoder(req), call.sameDialect(upstream), passedBack(r));
        } catch (IOException e) {
            r.abort();
            return new AttemptResult.Failed<>(HttpTransport.duringBody(e, true));
        } catch (FailureException e) {
            r.abort();
            return new AttemptResult.Failed<>(e.failure());
        } catch (InvalidRequestException e) { // the stream decoder needed the body translated, and it cannot be
            r.abort();
            return call.invalid(e);
        }
    }

    private void notServed(Call call, Outcome.NotServed<?> ns) {
        Exchange ex = call.ex;
        if (ns.rejected() && call.refusal != null) { // the upstream's own words
            Map<String, String> h = new LinkedHashMap<>(call.refusal.headers());
            h.putAll(ex.batonHeaders(null, ns));
            ex.out.send(call.refusal.status(), h, "application/json", call.refusal.body());
            return;
        }
        NotServedResponse r = NotServedResponse.of(call.requested, ns, Instant.now());
        Map<String, String> h = new LinkedHashMap<>(r.headers());
        h.putAll(ex.batonHeaders(null, ns));
        ex.out.send(r.status(), h, "application/json", dialect.errorBody(r.status(), r.message()));
    }

    static Timeouts timeouts(BatonSettings s, Deployment d) {
        return new Timeouts(d.streamTimeout() != null ? d.streamTimeout() : s.firstByteTimeout(), s.idleTimeout(),
                d.timeout() != null ? d.timeout() : s.requestTimeout());
    }

    private static Map<String, String> passedBack(UpstreamResponse r) {
        Map<String, String> h = new LinkedHashMap<>();
        for (String name : PASSED_BACK) {
            String v = r.header(name);
            if (v != null) h.put(name, v);
        }
        for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
            if (e.getKey().startsWith("anthropic-ratelimit-") && !e.getValue().isEmpty()) h.put(e.getKey(), e.getValue().get(0));
        }
        return h;
    }

    private static boolean isEventStream(UpstreamResponse r) {
        String type = r.header("content-type");
        return type != null && type.startsWith("text/event-stream");
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(MAX_ERROR_BODY);
    }

    /** Why a same-dialect 200 body is not an answer (truncated, not JSON, not a message), or null when it is one. */
    /** An answer's fields, or null when it is not a JSON object; its usage is read from the same scan. */
    private static JsonFields scanned(byte[] bytes) {
        try {
            return JsonFields.of(bytes);
        } catch (JsonFields.Invalid e) {
            return null;
        }
    }

    private Failure notAnAnswer(JsonFields answer) {
        if (answer == null) return new Failure.Malformed("upstream answered 200 with a body that is not JSON");
        return dialect.isAnswer(answer) ? null
                : new Failure.Malformed("upstream answered 200 with a body that is not a " + dialect.wire().name().toLowerCase(java.util.Locale.ROOT) + " answer");
    }
}
