package dev.baton.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A fake Vertex AI on 127.0.0.1 (point a deployment's {@code api_base} at it): Gemini at
 * {@code /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent|streamGenerateContent?alt=sse},
 * served and validated as {@link FakeGemini} does, and Claude at {@code …/publishers/anthropic/models/{m}:rawPredict|
 * streamRawPredict} in Anthropic's wire with Vertex's rules: no {@code model} in the body, {@code anthropic_version}
 * {@code vertex-2023-10-16}, only the beta flags Vertex knows. Requests need a bearer token from the
 * {@link FakeTokenServer}. Error faults come in Google's shape, as Vertex's own errors do.
 */
public final class FakeVertex extends FakeUpstream {
    private static final Pattern PATH = Pattern.compile("/v1/projects/([^/]+)/locations/([^/]+)/publishers/(google|anthropic)/models/([^/:]+):(\\w+)");
    private static final Set<String> VERTEX_BETAS = Set.of("interleaved-thinking-", "context-1m-", "fine-grained-tool-streaming-",
            "token-efficient-tools-", "output-128k-", "context-management-");

    private final FakeTokenServer tokens;
    private final GeminiEndpoint gemini;
    private volatile AnthropicReply claudeReply;

    private FakeVertex(String name, FakeTokenServer tokens) {
        super(name);
        this.tokens = tokens;
        this.gemini = new GeminiEndpoint(name);
        listen(FakeGemini.googleErrors(this::route));
    }

    public static FakeVertex start(String name, FakeTokenServer tokens) {
        return new FakeVertex(Objects.requireNonNull(name), Objects.requireNonNull(tokens));
    }


    public void replyGemini(GeminiReply reply) {
        gemini.reply(reply);
    }

    public void replyClaude(AnthropicReply reply) {
        this.claudeReply = reply;
    }






    private FakeResponse route(RecordedRequest request) {
        Matcher m = PATH.matcher(request.pathWithoutQuery());
        if (!request.method().equals("POST") || !m.matches()) return GeminiEndpoint.error(404, "NOT_FOUND", "Requested entity was not found.");
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.issued(auth.substring(7))) {
            return GeminiEndpoint.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential.");
        }
        String model = m.group(4);
        String method = m.group(5);
        return m.group(3).equals("google") ? gemini.respond(model, method, request) : claude(model, method, request);
    }

    private FakeResponse claude(String model, String method, RecordedRequest request) {
        boolean stream = method.equals("streamRawPredict");
        if (!stream && !method.equals("rawPredict")) return GeminiEndpoint.error(404, "NOT_FOUND", "Method not found.");
        String beta = request.header("anthropic-beta");
        if (beta != null) {
            for (String b : beta.split(",")) {
                if (VERTEX_BETAS.stream().noneMatch(b.trim()::startsWith)) {
                    return claudeError("Unexpected value(s) `" + b.trim() + "` for the `anthropic-beta` header. Please consult our "
                            + "documentation at docs.anthropic.com or try again without the header.");
                }
            }
        }
        JsonNode body = request.json();
        if (body == null || !body.isObject()) return claudeError("There was an error parsing the body of your HTTP request");
        if (body.has("model")) return claudeError("model: Extra inputs are not permitted");
        if (!"vertex-2023-10-16".equals(body.path("anthropic_version").asString(""))) {
            return claudeError("anthropic_version: Input should be 'vertex-2023-10-16'");
        }
        if (!body.path("max_tokens").isIntegralNumber()) return claudeError("max_tokens: Field required");
        if (!body.path("messages").isArray()) return claudeError("messages: Field required");
        if (body.path("stream").asBoolean(false) != stream) return claudeError("stream: must match the method (streamRawPredict)");
        AnthropicReply reply = claudeReply != null ? claudeReply : AnthropicReply.text("Hello from " + name() + " (Claude)");
        int inputTokens = Math.max(1, request.bodyBytes().length / 4);
        String id = AnthropicWire.newMessageId();
        return stream ? FakeResponse.sse(AnthropicWire.stream(id, model, reply, inputTokens))
                : FakeResponse.json(200, AnthropicWire.message(id, model, reply, inputTokens));
    }

    private static FakeResponse claudeError(String message) {
        return FakeResponse.json(400, AnthropicWire.errorJson("invalid_request_error", message, "req_vrtx_" + GeminiWire.newResponseId()));
    }
}
