package dev.baton.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A fake Google AI Studio Gemini API on 127.0.0.1: {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, the key in {@code x-goog-api-key}, requests validated as Gemini validates
 * them (see {@link GeminiRequestCheck}), and any {@link Fault} on cue. Error faults take Google's status names as
 * their type ({@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE}…); a message saying "Please retry in 31s." gets the
 * matching {@code RetryInfo} detail.
 *
 * <pre>{@code
 * try (FakeGemini fake = FakeGemini.start("gemini")) {
 *     fake.reply(GeminiReply.call("Read", "{\"file_path\":\"/a\"}"));
 *     fake.enqueue(Fault.status(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 31s."));
 * }
 * }</pre>
 */
public final class FakeGemini extends FakeUpstream {
    private static final String PREFIX = "/v1beta/models/";

    private final GeminiEndpoint endpoint;
    private volatile String requiredApiKey;

    private FakeGemini(String name) {
        super(name);
        this.endpoint = new GeminiEndpoint(name);
        listen(googleErrors(this::route));
    }

    public static FakeGemini start(String name) {
        return new FakeGemini(Objects.requireNonNull(name));
    }



    public void reply(GeminiReply reply) {
        endpoint.reply(Objects.requireNonNull(reply));
    }

    public void replyText(String text) {
        reply(GeminiReply.text(text));
    }

    /** Only this key is accepted; null accepts any non-empty key. */
    public void requireApiKey(String apiKey) {
        this.requiredApiKey = apiKey;
    }

    /** Gemini 3 behaviour, on by default: sign function calls, reject replays missing their signature. */
    public void gemini3(boolean on) {
        endpoint.gemini3(on);
    }

    /** The model's output limit; larger {@code maxOutputTokens} are refused (default 65,536). */
    public void maxOutputTokens(int max) {
        endpoint.maxOutputTokens(max);
    }

    /** Whether this fake issued the signature (to check that one came back). */
    public boolean issuedSignature(String signature) {
        return endpoint.issued(signature);
    }



    public void reset() {
        requiredApiKey = null;
        endpoint.reset();
        super.reset();
    }








    /** Google's errors for Gemini: status name as the error type, code as the HTTP status. */
    static Dialect googleErrors(java.util.function.Function<RecordedRequest, FakeResponse> respond) {
        return new Dialect() {
            public FakeResponse respond(RecordedRequest request) {
                return respond.apply(request);
            }

            public FakeResponse error(int status, String errorType, String message) {
                String s = errorType != null ? errorType : GeminiWire.statusFor(status);
                return GeminiEndpoint.error(status, s, message != null ? message : GeminiWire.messageFor(s));
            }

            public SseEvent streamError(String errorType, String message) {
                int code = GeminiWire.codeFor(errorType);
                return new SseEvent(null, GeminiWire.errorJson(code, errorType, message));
            }

            public int statusFor(String errorType) {
                return GeminiWire.codeFor(errorType);
            }
        };
    }

    /** Routing and auth in the order Google checks them: path, key, then the body. */
    private FakeResponse route(RecordedRequest request) {
        String path = request.pathWithoutQuery();
        int colon = path.lastIndexOf(':');
        if (!request.method().equals("POST") || !path.startsWith(PREFIX) || colon < PREFIX.length()) {
            return GeminiEndpoint.error(404, "NOT_FOUND", "Requested entity was not found.");
        }
        String key = request.header("x-goog-api-key");
        if (key == null || key.isEmpty()) {
            return GeminiEndpoint.error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without "
                    + "established identity). Please use API Key or other form of API consumer identity to call this API.");
        }
        String required = requiredApiKey;
        if (required != null && !required.equals(key)) {
            return GeminiEndpoint.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
        }
        return endpoint.respond(path.substring(PREFIX.length(), colon), path.substring(colon + 1), request);
    }
}
