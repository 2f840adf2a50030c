package dev.baton.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * {@code generateContent} and {@code streamGenerateContent?alt=sse} for one fake, whether it is reached on AI Studio's
 * or Vertex's paths: validation as Gemini does it, the scripted reply, and the thought signatures it issued (it signs
 * the first function call of every answer, as Gemini 3 does, and later insists on seeing them again).
 */
final class GeminiEndpoint {
    private final String name;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger signatures = new AtomicInteger();
    private volatile GeminiReply reply;
    private volatile boolean gemini3 = true;
    private volatile int maxOutputTokens = 65_536;

    GeminiEndpoint(String name) {
        this.name = name;
    }

    void reply(GeminiReply reply) {
        this.reply = reply;
    }

    /** Gemini 3 behaviour (the default): sign function calls and reject replays without their signature. */
    void gemini3(boolean on) {
        this.gemini3 = on;
    }

    void maxOutputTokens(int max) {
        this.maxOutputTokens = max;
    }

    boolean issued(String signature) {
        return issued.contains(signature);
    }

    void reset() {
        reply = null;
        gemini3 = true;
        maxOutputTokens = 65_536;
        issued.clear();
    }

    /** {@code method} is "generateContent" or "streamGenerateContent"; streams are served as SSE only. */
    FakeResponse respond(String model, String method, RecordedRequest request) {
        boolean stream = method.equals("streamGenerateContent");
        if (!stream && !method.equals("generateContent")) return error(404, "NOT_FOUND", "Method not found.");
        if (stream && !request.path().contains("alt=sse")) {
            return error(400, "INVALID_ARGUMENT", "This fake serves streamGenerateContent as server-sent events only (alt=sse).");
        }
        JsonNode body = request.json();
        var rejection = new GeminiRequestCheck(gemini3, issued::contains, maxOutputTokens).check(body);
        if (rejection != null) return error(rejection.code(), rejection.status(), rejection.message());

        GeminiReply answer = reply != null ? reply : GeminiReply.text("Hello from " + name);
        boolean thoughts = body.path("generationConfig").path("thinkingConfig").path("includeThoughts").asBoolean(false);
        String signature = gemini3 ? sign() : null;
        var parts = GeminiWire.parts(answer, thoughts, signature);
        int promptTokens = Math.max(1, request.bodyBytes().length / 4);
        String id = GeminiWire.newResponseId();
        return stream
                ? FakeResponse.sse(GeminiWire.stream(model, id, parts, answer.finishReason(), promptTokens, answer))
                : FakeResponse.json(200, GeminiWire.response(model, id, parts, answer.finishReason(), promptTokens, answer));
    }

    private String sign() {
        String s = Base64.getEncoder().encodeToString((name + "-thought-" + signatures.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        issued.add(s);
        return s;
    }

    static FakeResponse error(int code, String status, String message) {
        return FakeResponse.json(code, GeminiWire.errorJson(code, status, message));
    }
}
