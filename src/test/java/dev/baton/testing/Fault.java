package dev.baton.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a fake upstream does wrong for one request (modelled on MockWebServer's SocketPolicy).
 *
 * <p>Event counting: {@code afterEvents} counts every SSE event of the normal stream in order, starting with
 * the very first one ({@code message_start} for Anthropic). So {@code afterEvents = 1} means "right after
 * message_start" and {@code 0} means "before any event, right after the response headers". For a
 * non-streaming response the mid-stream faults cut the body in half instead.
 *
 * <p>Error faults leave {@code errorType}/{@code message} null when the fake's dialect should pick the value it
 * normally uses for that status (e.g. Anthropic: 429 → {@code rate_limit_error}).
 */
public sealed interface Fault {

    /** Respond normally; useful to punch a hole in an {@link FakeServer#always} fault via the queue. */
    record None() implements Fault {}

    /** A complete error response in the provider's error shape, plus extra headers. */
    record ErrorStatus(int status, String errorType, String message, Map<String, String> headers) implements Fault {
        public ErrorStatus {
            headers = Map.copyOf(headers);
        }
    }

    /** Read the request, then reset the TCP connection without writing a byte. */
    record ResetBeforeHeaders() implements Fault {}

    /** Send headers and the first {@code afterEvents} events (or half the body), then reset. */
    record ResetMidStream(int afterEvents) implements Fault {}

    /** Read the request, say nothing for {@code delay}, then respond normally if the client is still there. */
    record StallBeforeFirstByte(Duration delay) implements Fault {}

    /** Send {@code afterEvents} events (or half the body), go silent for {@code delay}, then send the rest. */
    record StallMidStream(int afterEvents, Duration delay) implements Fault {}

    /** Pause {@code perEvent} before every event after the first (non-streaming: between four body pieces). */
    record Slow(Duration perEvent) implements Fault {}

    /** 200 whose JSON body is truncated, or whose stream carries a {@code data:} line that is not JSON. */
    record Malformed() implements Fault {}

    /** 200 with this well-formed JSON body instead of the answer, streamed or not (`{"garbage":true}`). */
    record WrongBody(String json) implements Fault {}

    /** 200 stream that, after {@code afterEvents} events, sends the provider's in-stream error event and ends. */
    record InStreamError(int afterEvents, String errorType, String message) implements Fault {}

    static Fault wrongBody(String json) {
        return new WrongBody(json);
    }

    static Fault none() {
        return new None();
    }

    /** 429 with {@code retry-after} in whole seconds (rounded up) when {@code retryAfter} is non-null. */
    static Fault rateLimited(Duration retryAfter) {
        return rateLimited(retryAfter, Map.of());
    }

    static Fault rateLimitedNoRetryAfter() {
        return rateLimited(null, Map.of());
    }

    /** 429 with extra headers, e.g. {@code anthropic-ratelimit-unified-status: rejected}. */
    static Fault rateLimited(Duration retryAfter, Map<String, String> extraHeaders) {
        var headers = new java.util.LinkedHashMap<>(extraHeaders);
        if (retryAfter != null) {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            headers.put("retry-after", Long.toString(seconds));
        }
        return new ErrorStatus(429, null, null, headers);
    }

    /** Anthropic's 529 overloaded_error. */
    static Fault overloaded() {
        return new ErrorStatus(529, null, null, Map.of());
    }

    /** A 5xx such as 500 ({@code api_error}) or 503. */
    static Fault serverError(int status) {
        return new ErrorStatus(status, null, null, Map.of());
    }

    /** Any error response, e.g. {@code status(400, "invalid_request_error", "prompt is too long: ...")}. */
    static Fault status(int status, String errorType, String message) {
        return new ErrorStatus(status, Objects.requireNonNull(errorType), Objects.requireNonNull(message), Map.of());
    }

    static Fault resetBeforeHeaders() {
        return new ResetBeforeHeaders();
    }

    static Fault resetMidStream(int afterEvents) {
        return new ResetMidStream(afterEvents);
    }

    static Fault stallBeforeFirstByte(Duration delay) {
        return new StallBeforeFirstByte(delay);
    }

    static Fault stallMidStream(int afterEvents, Duration delay) {
        return new StallMidStream(afterEvents, delay);
    }

    static Fault slow(Duration perEvent) {
        return new Slow(perEvent);
    }

    static Fault malformed() {
        return new Malformed();
    }

    /** See the class comment for how {@code afterEvents} counts; 1 = right after message_start. */
    static Fault inStreamError(int afterEvents, String errorType, String message) {
        return new InStreamError(afterEvents, Objects.requireNonNull(errorType), Objects.requireNonNull(message));
    }
}
