package dev.baton.server;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.config.BatonSettings;
import dev.baton.config.Deployment;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.SseReader;
import dev.baton.dialect.anthropic.AnthropicErrors;
import dev.baton.dialect.anthropic.AnthropicFailures;
import dev.baton.provider.Endpoint;
import dev.baton.provider.HttpTransport;
import dev.baton.provider.Timeouts;
import dev.baton.provider.UpstreamRequest;
import dev.baton.provider.UpstreamResponse;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.FallbackEngine.AttemptResult;
import dev.baton.routing.FallbackEngine.Outcome;
import dev.baton.routing.GroupResolver;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * `POST /v1/messages`, streaming and not. Fallback before the first content byte is invisible to the caller; after
 * it, a broken or stalled upstream stream ends with an `overloaded_error` event so the client retries.
 */
final class MessagesEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MessagesEndpoint.class);
    private static final int MAX_ERROR_BODY = 1 << 20;
    /** Upstream headers worth passing back to the caller. */
    private static final List<String> PASSED_BACK = List.of("request-id", "x-request-id", "anthropic-organization-id");

    private final Gateway gateway;
    private final StreamKeepAlive keepAlive;

    MessagesEndpoint(Gateway gateway, StreamKeepAlive keepAlive) {
        this.gateway = gateway;
        this.keepAlive = keepAlive;
    }

    /** A whole non-streamed answer, or an upstream's refusal of the request, to return as is. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** A stream whose first content event has arrived; events before it are held back until the caller commits. */
    private record OpenStream(UpstreamResponse response, SseReader reader, List<SseEvent> held, Map<String, String> headers) {
    }

    void handle(Exchange ex, byte[] rawBody, String sessionHeader) {
        ObjectNode body = AnthropicRequestBody.parse(rawBody, true);
        String requested = body.get("model").asString();
        GroupResolver.Resolution resolution = gateway.groups().resolve(requested).orElseThrow(() -> unknownModel(requested));
        // LiteLLM's per-request opt-out; not an Anthropic field, so it must not reach the upstream (field notes 26)
        JsonNode optOut = body.remove("disable_fallbacks");
        boolean useFallbacks = optOut == null || !optOut.asBoolean(false);
        FallbackEngine.Route route = new FallbackEngine.Route(resolution, SessionId.of(sessionHeader, body, ex.caller),
                ex.caller.credentialFingerprint(), useFallbacks);
        gateway.journal().observe(route.session(), body); // repo: auto learns the session's working directory
        boolean stream = body.path("stream").asBoolean(false);
        if (stream) streamed(ex, body, requested, route);
        else whole(ex, body, requested, route);
    }

    private HttpErrors.BadRequest unknownModel(String requested) {
        List<String> names = new ArrayList<>();
        gateway.groups().groups().forEach(g -> names.add(g.name()));
        return new HttpErrors.BadRequest(404, "model '" + requested + "' is not served by this gateway; configured model groups: " + names);
    }

    private void whole(Exchange ex, ObjectNode body, String requested, FallbackEngine.Route route) {
        Answer[] refusal = new Answer[1];
        Outcome<Answer> outcome = gateway.engine().route(route, c -> {
            try (UpstreamResponse r = gateway.upstream(c.deployment()).open(request(c, body, false, ex))) {
                byte[] bytes;
                try {
                    bytes = r.status() == 200 ? r.body().readAllBytes() : readBounded(r.body());
                } catch (IOException e) {
                    return new AttemptResult.Failed<>(HttpTransport.duringBody(e, true));
                }
                if (r.status() != 200) {
                    Failure f = AnthropicFailures.classify(r.status(), r.headers(), bytes, Instant.now());
                    if (!f.fallsBack()) refusal[0] = new Answer(r.status(), passedBack(r), bytes);
                    return new AttemptResult.Failed<>(f);
                }
                if (!isMessage(bytes)) return new AttemptResult.Failed<>(new Failure.Malformed("upstream answered 200 with a body that is not an Anthropic message"));
                return new AttemptResult.Ok<>(new Answer(200, passedBack(r), bytes));
            } catch (FailureException e) {
                return new AttemptResult.Failed<>(e.failure());
            }
        });
        switch (outcome) {
            case Outcome.Served<Answer> s -> {
                Map<String, String> h = new LinkedHashMap<>(s.value().headers());
                h.putAll(ex.batonHeaders(s.by().deployment().id(), s.attempts()));
                ex.out.send(200, h, "application/json", s.value().body());
            }
            case Outcome.NotServed<Answer> ns -> notServed(ex, requested, ns, refusal[0]);
        }
    }

    private void streamed(Exchange ex, ObjectNode body, String requested, FallbackEngine.Route route) {
        Map<String, String> early = Map.of("x-baton-attempts", "0");
        Outcome<OpenStream> outcome;
        try (StreamKeepAlive.Watch ignored = keepAlive.watch(ex.out, early)) {
            Answer[] refusal = new Answer[1];
            outcome = gateway.engine().route(route, c -> openStream(c, body, ex, refusal));
            switch (outcome) {
                case Outcome.Served<OpenStream> s -> forward(ex, s);
                case Outcome.NotServed<OpenStream> ns -> {
                    if (!ex.out.committed()) {
                        notServed(ex, requested, ns, refusal[0]);
                    } else { // only pings went out: the error has to travel as an event
                        NotServedResponse r = NotServedResponse.of(requested, ns, Instant.now());
                        ex.out.stream(AnthropicErrors.event(AnthropicErrors.typeFor(r.status()), r.message()), true);
                        ex.out.end();
                    }
                }
            }
        }
    }

    private AttemptResult<OpenStream> openStream(FallbackEngine.Candidate c, ObjectNode body, Exchange ex, Answer[] refusal) {
        UpstreamResponse r;
        try {
            r = gateway.upstream(c.deployment()).open(request(c, body, true, ex));
        } catch (FailureException e) {
            return new AttemptResult.Failed<>(e.failure());
        }
        try {
            if (r.status() != 200) {
                byte[] bytes = readBounded(r.body());
                Failure f = AnthropicFailures.classify(r.status(), r.headers(), bytes, Instant.now());
                if (!f.fallsBack()) refusal[0] = new Answer(r.status(), passedBack(r), bytes);
                r.abort();
                return new AttemptResult.Failed<>(f);
            }
            String type = r.header("content-type");
            if (type == null || !type.startsWith("text/event-stream")) {
                r.abort();
                return new AttemptResult.Failed<>(new Failure.Malformed("upstream answered a stream request with " + type));
            }
            SseReader reader = new SseReader(r.body());
            List<SseEvent> held = new ArrayList<>();
            while (true) {
                SseEvent e = reader.next();
                if (e == null) {
                    r.abort();
                    return new AttemptResult.Failed<>(new Failure.Reset(true, "upstream stream ended before any content"));
                }
                if (!looksLikeJson(e.data())) {
                    r.abort();
                    return new AttemptResult.Failed<>(new Failure.Malformed("upstream sent a " + e.type() + " event that is not JSON"));
                }
                switch (e.type()) {
                    case "error" -> {
                        r.abort();
                        return new AttemptResult.Failed<>(AnthropicFailures.classifyEvent(e.data()));
                    }
                    case "ping" -> { } // Baton keeps the caller's line alive itself
                    case "message_start" -> held.add(e);
                    default -> {
                        held.add(e);
                        return new AttemptResult.Ok<>(new OpenStream(r, reader, held, passedBack(r)));
                    }
                }
            }
        } catch (IOException e) {
            r.abort();
            return new AttemptResult.Failed<>(HttpTransport.duringBody(e, true));
        }
    }

    /** Commits the caller's stream and forwards the upstream's events as they come. */
    private void forward(Exchange ex, Outcome.Served<OpenStream> s) {
        OpenStream open = s.value();
        Map<String, String> h = new LinkedHashMap<>(open.headers());
        h.putAll(ex.batonHeaders(s.by().deployment().id(), s.attempts()));
        ex.out.beginStream(h);
        boolean finished = false;
        try (UpstreamResponse r = open.response()) {
            for (SseEvent e : open.held()) ex.out.stream(e.raw(), true);
            finished = open.held().get(open.held().size() - 1).type().equals("message_stop");
            SseEvent e;
            while ((e = open.reader().next()) != null) {
                if (!looksLikeJson(e.data())) {
                    LOG.warn("stream from {} sent a malformed {} event", s.by().deployment().id(), e.type());
                    ex.out.stream(AnthropicErrors.event("overloaded_error", "The upstream sent a malformed event; please retry."), true);
                    finished = true;
                    break;
                }
                ex.out.stream(e.raw(), true);
                if (e.type().equals("message_stop") || e.type().equals("error")) finished = true;
            }
            if (!finished) {
                LOG.warn("stream from {} ended before message_stop", s.by().deployment().id());
                ex.out.stream(AnthropicErrors.event("overloaded_error", "The upstream stream ended early; please retry."), true);
            }
        } catch (IOException e) {
            Failure f = HttpTransport.duringBody(e, false);
            LOG.warn("stream from {} broke after content: {}", s.by().deployment().id(), f.detail());
            String what = f instanceof Failure.TimedOut ? "stalled" : "broke";
            ex.out.stream(AnthropicErrors.event("overloaded_error", "The upstream stream " + what + " mid-response; please retry."), true);
        }
        ex.out.end();
    }

    private void notServed(Exchange ex, String requested, Outcome.NotServed<?> ns, Answer refusal) {
        if (ns.rejected() && refusal != null) { // the upstream's own words, as it said them
            Map<String, String> h = new LinkedHashMap<>(refusal.headers());
            h.putAll(ex.batonHeaders(null, ns.attempts()));
            ex.out.send(refusal.status(), h, "application/json", refusal.body());
            return;
        }
        NotServedResponse r = NotServedResponse.of(requested, ns, Instant.now());
        Map<String, String> h = new LinkedHashMap<>(r.headers());
        h.putAll(ex.batonHeaders(null, ns.attempts()));
        HttpErrors.anthropic(ex.out, r.status(), r.message(), h);
    }

    private UpstreamRequest request(FallbackEngine.Candidate c, ObjectNode body, boolean stream, Exchange ex) {
        return new UpstreamRequest(c.deployment(), c.upstreamModel(), Endpoint.MESSAGES, body, stream, ex.caller.context(),
                timeouts(gateway.config().baton(), c.deployment()));
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

    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(MAX_ERROR_BODY);
    }

    /** A cheap check that catches truncated or non-JSON answers without parsing every byte on the hot path. */
    private static boolean isMessage(byte[] bytes) {
        int start = 0;
        int end = bytes.length - 1;
        while (start <= end && Character.isWhitespace(bytes[start])) start++;
        while (end >= start && Character.isWhitespace(bytes[end])) end--;
        return start < end && bytes[start] == '{' && bytes[end] == '}';
    }

    /** A cheap check that catches truncated events without parsing every one on the hot path. */
    private static boolean looksLikeJson(String data) {
        String d = data.strip();
        return d.startsWith("{") && d.endsWith("}");
    }
}
