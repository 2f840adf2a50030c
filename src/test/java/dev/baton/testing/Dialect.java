package dev.baton.testing;

/** A provider's wire format, plugged into {@link FakeServer}; the server owns sockets, HTTP and faults. */
public interface Dialect {

    /** The normal answer to a request, including the provider's own 4xx for bad paths, auth or bodies. */
    FakeResponse respond(RecordedRequest request);

    /** An error response in the provider's shape; null type or message means "what you use for this status". */
    FakeResponse error(int status, String errorType, String message);

    /** The event a provider sends when a 200 stream fails part-way. */
    SseEvent streamError(String errorType, String message);

    /** The HTTP status the provider uses for an error type (for in-stream faults on non-streaming requests). */
    int statusFor(String errorType);

    /** The headers that tell how much of a requests-per-window limit is left (OpenAI's by default). */
    default java.util.Map<String, String> quotaHeaders(int limit, int remaining, java.time.Instant resetAt, java.time.Instant now) {
        return RequestQuota.openAiHeaders(limit, remaining, java.time.Duration.between(now, resetAt));
    }
}
