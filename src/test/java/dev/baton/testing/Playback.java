package dev.baton.testing;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;

/** Sends one response over a connection, bent by a {@link Fault}. Knows HTTP and SSE framing, not providers. */
final class Playback {
    /** Pause before an RST so the client has read what was sent; an RST can discard unread data on some stacks. */
    private static final Duration RST_GRACE = Duration.ofMillis(50);
    private static final int SLOW_BODY_PIECES = 4;

    private final Socket socket;
    private final ResponseWriter out;
    private final Dialect dialect;
    private final boolean keepAlive;

    Playback(Socket socket, ResponseWriter out, Dialect dialect, boolean keepAlive) {
        this.socket = socket;
        this.out = out;
        this.dialect = dialect;
        this.keepAlive = keepAlive;
    }

    /** Returns whether the connection may serve another request. */
    boolean play(FakeResponse response, Fault fault) throws IOException, InterruptedException {
        switch (fault) {
            case Fault.None none -> sendWhole(response);
            case Fault.ErrorStatus e ->
                    sendWhole(dialect.error(e.status(), e.errorType(), e.message()).withHeaders(e.headers()));
            case Fault.ResetBeforeHeaders reset -> {
                reset();
                return false;
            }
            case Fault.StallBeforeFirstByte stall -> {
                Thread.sleep(stall.delay());
                sendWhole(response);
            }
            case Fault.ResetMidStream reset -> {
                head(response);
                sendFirstPart(response, reset.afterEvents());
                Thread.sleep(RST_GRACE);
                reset();
                return false;
            }
            case Fault.StallMidStream stall -> {
                head(response);
                sendFirstPart(response, stall.afterEvents());
                Thread.sleep(stall.delay());
                sendRest(response, stall.afterEvents());
            }
            case Fault.Slow slow -> sendSlowly(response, slow.perEvent());
            case Fault.Malformed malformed -> sendWhole(malformed(response));
            case Fault.InStreamError e -> sendWhole(inStreamError(response, e));
            case Fault.WrongBody w -> sendWhole(FakeResponse.json(200, w.json()));
        }
        return keepAlive;
    }

    private void sendWhole(FakeResponse response) throws IOException {
        head(response);
        if (response.streaming()) sendRest(response, 0);
        else out.bytes(response.body(), 0, response.body().length);
    }

    private void head(FakeResponse response) throws IOException {
        long length = response.streaming() ? -1 : response.body().length;
        out.head(response.status(), response.headers(), length, keepAlive);
    }

    /** The first {@code events} events of a stream, or the first half of a fixed body. */
    private void sendFirstPart(FakeResponse response, int events) throws IOException {
        if (response.streaming()) {
            var all = response.events();
            for (int i = 0; i < Math.min(events, all.size()); i++) out.chunk(all.get(i).wire());
        } else {
            out.bytes(response.body(), 0, response.body().length / 2);
        }
    }

    /** Whatever {@link #sendFirstPart} left out, then the end of the body. */
    private void sendRest(FakeResponse response, int fromEvent) throws IOException {
        if (response.streaming()) {
            var all = response.events();
            for (int i = Math.min(fromEvent, all.size()); i < all.size(); i++) out.chunk(all.get(i).wire());
            out.endChunks();
        } else {
            byte[] body = response.body();
            out.bytes(body, body.length / 2, body.length);
        }
    }

    private void sendSlowly(FakeResponse response, Duration gap) throws IOException, InterruptedException {
        head(response);
        if (response.streaming()) {
            var all = response.events();
            for (int i = 0; i < all.size(); i++) {
                if (i > 0) Thread.sleep(gap);
                out.chunk(all.get(i).wire());
            }
            out.endChunks();
        } else {
            byte[] body = response.body();
            for (int piece = 0; piece < SLOW_BODY_PIECES; piece++) {
                if (piece > 0) Thread.sleep(gap);
                out.bytes(body, body.length * piece / SLOW_BODY_PIECES, body.length * (piece + 1) / SLOW_BODY_PIECES);
            }
        }
    }

    /** Stream: the second event's data is cut in half (so message_start still parses). Body: half the JSON. */
    private static FakeResponse malformed(FakeResponse response) {
        if (response.streaming()) {
            var events = new ArrayList<>(response.events());
            int victim = Math.min(1, events.size() - 1);
            SseEvent original = events.get(victim);
            events.set(victim, new SseEvent(original.event(), original.data().substring(0, original.data().length() / 2)));
            return new FakeResponse(200, response.headers(), null, events);
        }
        var headers = new LinkedHashMap<>(response.headers());
        headers.put("content-type", "application/json");
        byte[] body = response.body();
        return new FakeResponse(200, headers, Arrays.copyOf(body, body.length / 2), null);
    }

    /** A non-streaming request cannot carry an in-stream error, so it gets the equivalent error status instead. */
    private FakeResponse inStreamError(FakeResponse response, Fault.InStreamError e) {
        if (!response.streaming()) return dialect.error(dialect.statusFor(e.errorType()), e.errorType(), e.message());
        var events = new ArrayList<>(response.events().subList(0, Math.min(e.afterEvents(), response.events().size())));
        events.add(dialect.streamError(e.errorType(), e.message()));
        return new FakeResponse(200, response.headers(), null, events);
    }

    /** SO_LINGER 0 makes close() send an RST instead of an orderly FIN. */
    private void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
