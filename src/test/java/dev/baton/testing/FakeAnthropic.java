package dev.baton.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A fake Anthropic Messages API upstream on 127.0.0.1 for tests: {@code POST /v1/messages} (streaming or not)
 * and {@code POST /v1/messages/count_tokens}, with Anthropic's auth and validation errors, and any
 * {@link Fault} on cue. Everything else is a 404 {@code not_found_error}.
 *
 * <pre>{@code
 * try (FakeAnthropic fake = FakeAnthropic.start("primary")) {
 *     fake.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
 *     // point the gateway at fake.baseUrl() ...
 *     assertThat(fake.takeRequest().header("x-api-key")).isEqualTo("sk-test");
 * }
 * }</pre>
 */
public final class FakeAnthropic extends FakeUpstream {
    private volatile AnthropicReply reply;
    private volatile String requiredApiKey;
    private final java.util.Set<String> issuedSignatures = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FakeAnthropic(String name) {
        super(name);
        listen(new AnthropicDialect());
    }

    /** Binds 127.0.0.1 on a free port; successful replies say "Hello from NAME" until told otherwise. */
    public static FakeAnthropic start(String name) {
        return new FakeAnthropic(Objects.requireNonNull(name));
    }



    public int port() {
        return server().port();
    }

    /** Successful replies from now on are this text with stop_reason end_turn. */
    public void replyText(String text) {
        reply(AnthropicReply.text(text));
    }

    /** Successful replies from now on are a single tool_use block with stop_reason tool_use. */
    public void replyToolUse(String id, String toolName, String inputJson) {
        reply(AnthropicReply.toolUse(id, toolName, inputJson));
    }

    /** A thinking signature this fake accepts back, as Anthropic accepts the signatures it issued. */
    public String issueSignature() {
        String sig = "EqQB" + name() + issuedSignatures.size();
        issuedSignatures.add(sig);
        return sig;
    }

    public void reply(AnthropicReply reply) {
        this.reply = Objects.requireNonNull(reply);
    }

    /** Only this exact key (in x-api-key or as a Bearer token) is accepted; null accepts any key. */
    public void requireApiKey(String apiKey) {
        this.requiredApiKey = apiKey;
    }



    /** Back to a fresh fake: default reply, any key, no faults, no recorded requests. */
    public void reset() {
        reply = null;
        requiredApiKey = null;
        super.reset();
    }








    private AnthropicReply currentReply() {
        AnthropicReply current = reply;
        return current != null ? current : AnthropicReply.text("Hello from " + name());
    }

    /** Routing, auth and validation, checked in the order the real API does: path, credentials, version, body. */
    private final class AnthropicDialect implements Dialect {
        @Override
        public java.util.Map<String, String> quotaHeaders(int limit, int remaining, java.time.Instant resetAt, java.time.Instant now) {
            return RequestQuota.anthropicHeaders(limit, remaining, resetAt);
        }


        @Override
        public FakeResponse respond(RecordedRequest request) {
            String path = request.pathWithoutQuery();
            boolean messages = path.equals("/v1/messages");
            boolean countTokens = path.equals("/v1/messages/count_tokens");
            if (!request.method().equals("POST") || !(messages || countTokens)) {
                return error(404, "not_found_error", "Not Found");
            }
            FakeResponse rejected = checkHeaders(request);
            if (rejected != null) return rejected;

            JsonNode body = request.json();
            if (body == null || !body.isObject()) {
                return error(400, "invalid_request_error", "There was an error parsing the body of your HTTP request");
            }
            String invalid = field(body, "model", JsonNode::isString, "a valid string");
            if (invalid == null && messages) invalid = field(body, "max_tokens", JsonNode::isIntegralNumber, "a valid integer");
            if (invalid == null) invalid = field(body, "messages", JsonNode::isArray, "a valid list");
            if (invalid == null) invalid = AnthropicConversationRules.check(body, issuedSignatures);
            if (invalid != null) return error(400, "invalid_request_error", invalid);

            int inputTokens = Math.max(1, request.bodyBytes().length / 4);
            if (countTokens) return ok(FakeResponse.json(200, Json.write(Json.obj("input_tokens", inputTokens))));

            String model = body.get("model").stringValue();
            String id = AnthropicWire.newMessageId();
            AnthropicReply answer = currentReply();
            boolean stream = body.path("stream").isBoolean() && body.path("stream").booleanValue();
            return ok(stream
                    ? FakeResponse.sse(AnthropicWire.stream(id, model, answer, inputTokens))
                    : FakeResponse.json(200, AnthropicWire.message(id, model, answer, inputTokens)));
        }

        private FakeResponse checkHeaders(RecordedRequest request) {
            String key = request.header("x-api-key");
            String authorization = request.header("authorization");
            if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            }
            if (key == null || key.isEmpty()) return error(401, "authentication_error", "x-api-key header is required");
            String required = requiredApiKey;
            if (required != null && !required.equals(key)) return error(401, "authentication_error", "invalid x-api-key");
            if (request.header("anthropic-version") == null) {
                return error(400, "invalid_request_error", "anthropic-version: header is required");
            }
            return null;
        }

        /** Null when the field is present with the right type, else Anthropic's message naming the field. */
        private static String field(JsonNode body, String name, java.util.function.Predicate<JsonNode> valid, String what) {
            JsonNode value = body.get(name);
            if (value == null) return name + ": Field required";
            return valid.test(value) ? null : name + ": Input should be " + what;
        }

        private static FakeResponse ok(FakeResponse response) {
            return response.withHeader("request-id", AnthropicWire.newRequestId());
        }

        @Override
        public FakeResponse error(int status, String errorType, String message) {
            String type = errorType != null ? errorType : typeFor(status);
            String text = message != null ? message : messageFor(type);
            String requestId = AnthropicWire.newRequestId();
            return FakeResponse.json(status, AnthropicWire.errorJson(type, text, requestId))
                    .withHeader("request-id", requestId);
        }

        @Override
        public SseEvent streamError(String errorType, String message) {
            return AnthropicWire.errorEvent(errorType, message);
        }

        @Override
        public int statusFor(String errorType) {
            return switch (errorType) {
                case "invalid_request_error" -> 400;
                case "authentication_error" -> 401;
                case "billing_error" -> 402;
                case "permission_error" -> 403;
                case "not_found_error" -> 404;
                case "request_too_large" -> 413;
                case "rate_limit_error" -> 429;
                case "timeout_error" -> 504;
                case "overloaded_error" -> 529;
                default -> 500;
            };
        }

        private static String typeFor(int status) {
            return switch (status) {
                case 400 -> "invalid_request_error";
                case 401 -> "authentication_error";
                case 402 -> "billing_error";
                case 403 -> "permission_error";
                case 404 -> "not_found_error";
                case 413 -> "request_too_large";
                case 429 -> "rate_limit_error";
                case 504 -> "timeout_error";
                case 529 -> "overloaded_error";
                default -> "api_error";
            };
        }

        private static String messageFor(String type) {
            return switch (type) {
                case "rate_limit_error" -> "This request would exceed your organization's rate limit. Please try again later.";
                case "overloaded_error" -> "Overloaded";
                case "api_error" -> "Internal server error";
                case "not_found_error" -> "Not Found";
                default -> type.replace('_', ' ');
            };
        }
    }
}
