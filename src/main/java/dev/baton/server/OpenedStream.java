package dev.baton.server;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StreamEvent;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.SseReader;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.StreamEncoder;
import dev.baton.provider.HttpTransport;
import dev.baton.provider.UpstreamResponse;
import dev.baton.routing.FallbackEngine.AttemptResult;
import dev.baton.usage.RequestMeter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream stream that has produced its first content, with what came before it held back: until then a
 * failure can still move the request to another deployment without the caller noticing. Forwarding then passes
 * same-dialect events through byte for byte, or translates each event through the canonical grammar.
 */
final class OpenedStream {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedStream.class);

    private final UpstreamResponse response;
    private final SseReader reader;
    private final StreamDecoder decoder;
    private final boolean passthrough;
    private final List<SseEvent> heldRaw;
    private final List<StreamEvent> held;
    private final Map<String, String> headers;
    private boolean upstreamDone;

    private OpenedStream(UpstreamResponse response, SseReader reader, StreamDecoder decoder, boolean passthrough,
                         List<SseEvent> heldRaw, List<StreamEvent> held, Map<String, String> headers, boolean upstreamDone) {
        this.response = response;
        this.reader = reader;
        this.decoder = decoder;
        this.passthrough = passthrough;
        this.heldRaw = heldRaw;
        this.held = held;
        this.headers = headers;
        this.upstreamDone = upstreamDone;
    }

    /** Whether the upstream speaks the caller's dialect: its events pass as they are, no encoder needed. */
    boolean passthrough() {
        return passthrough;
    }

    Map<String, String> headers() {
        return headers;
    }

    /**
     * Reads the stream until its first content event. Failures before it (an in-stream error event, a malformed
     * event, an early end) fail the attempt so the next deployment can be tried.
     */
    static AttemptResult<OpenedStream> awaitContent(UpstreamResponse r, StreamDecoder decoder, boolean passthrough,
                                                    Map<String, String> headers) throws IOException, FailureException {
        SseReader reader = new SseReader(r.body());
        List<SseEvent> heldRaw = new ArrayList<>();
        List<StreamEvent> held = new ArrayList<>();
        while (true) {
            SseEvent e = reader.next();
            if (e == null) {
                decoder.end(held::add); // throws when the upstream ended without finishing
                if (!hasContent(held)) {
                    r.abort();
                    return new AttemptResult.Failed<>(new Failure.Reset(true, "upstream stream ended before any content"));
                }
                return new AttemptResult.Ok<>(new OpenedStream(r, reader, decoder, passthrough, heldRaw, held, headers, true));
            }
            decoder.decode(e, held::add);
            if (!e.type().equals("ping")) heldRaw.add(e); // Baton keeps the caller's line alive itself
            if (hasContent(held)) {
                return new AttemptResult.Ok<>(new OpenedStream(r, reader, decoder, passthrough, heldRaw, held, headers, false));
            }
        }
    }

    private static boolean hasContent(List<StreamEvent> events) {
        for (StreamEvent e : events) if (e.isContent()) return true;
        return false;
    }

    /**
     * Commits the caller's stream and forwards the upstream's events as they come. Returns how the upstream failed
     * after its first content (it counts against the deployment), or null when the stream ended properly or was
     * broken off because the gateway is shutting down.
     */
    Failure forward(ClientResponse out, Map<String, String> responseHeaders, CallerDialect dialect, StreamEncoder encoder,
                    String deployment, RequestMeter meter, BooleanSupplier shuttingDown) {
        out.beginStream(responseHeaders);
        Failure failure = null;
        try (UpstreamResponse r = response) {
            boolean finished = passthrough ? relay(out, meter) : translate(out, encoder, meter);
            if (!finished) {
                LOG.warn("stream from {} ended before its end marker", deployment);
                failure = new Failure.Reset(false, "the upstream stream ended before its end");
                out.stream(dialect.errorEvent(529, "The upstream stream ended early; please retry."), true);
            }
        } catch (IOException e) {
            if (shuttingDown.getAsBoolean()) {
                out.stream(dialect.errorEvent(529, "Baton is shutting down; please retry."), true);
                out.end();
                return null;
            }
            failure = HttpTransport.duringBody(e, false);
            LOG.warn("stream from {} broke after content: {}", deployment, failure.detail());
            String what = failure instanceof Failure.TimedOut ? "stalled" : "broke";
            out.stream(dialect.errorEvent(529, "The upstream stream " + what + " mid-response; please retry."), true);
        } catch (FailureException e) {
            failure = e.failure();
            LOG.warn("stream from {} failed after content: {}", deployment, failure.detail());
            out.stream(dialect.errorEvent(529, "The upstream failed mid-response (" + failure.detail() + "); please retry."), true);
        }
        out.end();
        return failure;
    }

    /** Same dialect: the upstream's bytes as they are. Returns whether the upstream's end marker arrived. */
    private boolean relay(ClientResponse out, RequestMeter meter) throws IOException, FailureException {
        boolean finished = upstreamDone;
        // Events that arrived together leave together: bytes are flushed only when nothing more is at hand, and the
        // last event goes out with the end of the response (ClientResponse.end).
        for (int i = 0; i < heldRaw.size(); i++) {
            SseEvent e = heldRaw.get(i);
            meter.event(e);
            finished |= decoder.isLast(e);
            out.stream(e.raw(), true, i == heldRaw.size() - 1 && !finished && !reader.hasBuffered());
        }
        dropHeld();
        SseEvent e;
        while (!finished && (e = reader.next()) != null) {
            if (!looksLikeData(e)) throw new FailureException(new Failure.Malformed("a malformed " + e.type() + " event"));
            meter.event(e);
            finished = decoder.isLast(e);
            out.stream(e.raw(), true, !finished && !reader.hasBuffered());
        }
        return finished;
    }

    /** Other dialect: each upstream event decoded and encoded for the caller. */
    private boolean translate(ClientResponse out, StreamEncoder encoder, RequestMeter meter) throws IOException, FailureException {
        boolean[] ended = {false};
        // as in relay: what arrived together leaves together, flushed only when no more upstream bytes are at hand
        java.util.function.Consumer<StreamEvent> send = ev -> {
            meter.event(ev);
            byte[] bytes = encoder.encode(ev);
            if (bytes.length > 0) out.stream(bytes, true, false);
            if (ev instanceof StreamEvent.End) ended[0] = true;
        };
        held.forEach(send);
        dropHeld();
        if (upstreamDone) return ended[0];
        while (!ended[0]) {
            if (!reader.hasBuffered()) out.flush(); // before waiting for the upstream, the caller gets what is encoded
            SseEvent e = reader.next();
            if (e == null) break;
            decoder.decode(e, send);
        }
        if (!ended[0]) decoder.end(send);
        return ended[0];
    }

    /** What was held until the first content has been sent: a stream stays open for minutes, thousands at once. */
    private void dropHeld() {
        heldRaw.clear();
        held.clear();
    }

    /** A cheap check that catches truncated events without parsing every one on the hot path. */
    private static boolean looksLikeData(SseEvent e) {
        return e.dataLooksLikeObject() || e.dataIs("[DONE]");
    }
}
