package dev.baton.provider;

import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StreamEvent;
import dev.baton.config.Deployment;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.SseReader;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.Wire;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Drives one {@link Upstream} attempt the way the gateway does: open, classify or decode, stream event by event. */
final class UpstreamCalls {
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20));

    private UpstreamCalls() {
    }

    static UpstreamRequest request(Deployment d, ChatRequest r, boolean stream) {
        return request(d, r, stream, CallerContext.NONE, TIMEOUTS);
    }

    static UpstreamRequest request(Deployment d, ChatRequest r, boolean stream, CallerContext caller, Timeouts timeouts) {
        return new UpstreamRequest(d, d.model(), Endpoint.MESSAGES, CallerBody.canonical(Wire.ANTHROPIC, r), stream, caller, timeouts);
    }

    /** A whole answer, or the failure the upstream's status and body stand for. */
    static ChatResponse call(Upstream upstream, UpstreamRequest request) throws Exception {
        try (UpstreamResponse r = upstream.open(request)) {
            byte[] body = r.body().readAllBytes();
            if (r.status() != 200) throw new FailureException(upstream.classify(r.status(), r.headers(), body, Instant.now()));
            return upstream.decode(body, request);
        } catch (IOException e) {
            throw new FailureException(HttpTransport.duringBody(e, true));
        }
    }

    /** Every canonical event of a streamed answer, or the failure that ended it. */
    static List<StreamEvent> stream(Upstream upstream, UpstreamRequest request) throws Exception {
        List<StreamEvent> events = new ArrayList<>();
        try (UpstreamResponse r = upstream.open(request)) {
            if (r.status() != 200) {
                byte[] body = r.body().readAllBytes();
                throw new FailureException(upstream.classify(r.status(), r.headers(), body, Instant.now()));
            }
            StreamDecoder decoder = upstream.streamDecoder(request);
            SseReader reader = new SseReader(r.body());
            try {
                for (SseEvent e = reader.next(); e != null; e = reader.next()) decoder.decode(e, events::add);
            } catch (IOException e) {
                throw new FailureException(HttpTransport.duringBody(e, events.stream().noneMatch(StreamEvent::isContent)));
            }
            decoder.end(events::add);
        }
        return events;
    }
}
