package dev.baton.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A fake OpenAI Chat Completions upstream on 127.0.0.1 for tests: {@code POST /v1/chat/completions}, streaming or not,
 * speaking the wire format of OpenAI's API reference, validating requests as OpenAI does ({@link OpenAiValidator}) and
 * answering 400 otherwise, and failing on cue with any {@link Fault}. A {@link Profile} makes it as strict as a given
 * vendor (Mistral's nine-character tool ids, DeepSeek's reasoning echo, ...); {@link #chunking} decides how streamed
 * tool-call arguments are cut.
 *
 * <pre>{@code
 * try (FakeOpenAi fake = FakeOpenAi.start("deepseek")) {
 *     fake.profile(FakeOpenAi.Profile.DEEPSEEK_THINKING);
 *     fake.reply(OpenAiReply.toolCall("call_1", "Read", "{\"path\":\"a\"}").withReasoning("Let me read it."));
 *     // point a deployment at fake.baseUrl() + "/v1" ...
 * }
 * }</pre>
 */
public final class FakeOpenAi extends FakeUpstream {

    /**
     * How strict the fake is beyond OpenAI's own rules, and how it words its answers.
     *
     * @param strictMessageFields unknown message fields are a 400 (OpenAI itself)
     * @param acceptedFields      only these top-level fields are accepted (null: any)
     * @param usageAlways         the usage chunk ends every stream, asked for or not
     */
    public record Profile(String name, boolean strictMessageFields, boolean nineCharToolIds, boolean assistantAfterTool,
                          boolean rejectToolChoice, boolean requireReasoningEcho, Integer maxTokensLimit, boolean messageName,
                          boolean anyChoice, Set<String> acceptedFields, Set<String> rejectedFields, String reasoningField,
                          boolean deepseekCacheFields, boolean usageAlways) {
        public static final Profile OPENAI = new Profile("openai", true, false, false, false, false, null, true, false, null,
                Set.of(), "reasoning_content", false, false);
        public static final Profile DEEPSEEK_THINKING = new Profile("deepseek", false, false, false, false, true, null, true, false, null,
                Set.of(), "reasoning_content", true, false);
        public static final Profile DEEPSEEK_REASONER = new Profile("deepseek-reasoner", false, false, false, true, false, 65_536, true,
                false, null, Set.of(), "reasoning_content", true, false);
        public static final Profile DEEPSEEK_CHAT = new Profile("deepseek-chat", false, false, false, false, false, 8192, true, false, null,
                Set.of(), "reasoning_content", true, false);
        public static final Profile MISTRAL = new Profile("mistral", false, true, true, false, false, null, true, true,
                Set.of("model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed", "response_format",
                        "tools", "tool_choice", "presence_penalty", "frequency_penalty", "n", "parallel_tool_calls", "safe_prompt"),
                Set.of(), "reasoning_content", false, true);
        public static final Profile GROQ = new Profile("groq", false, false, false, false, false, null, false, false, null,
                Set.of("logprobs", "logit_bias", "top_logprobs"), "reasoning", false, false);
        public static final Profile OPENROUTER = new Profile("openrouter", false, false, false, false, false, null, true, false, null,
                Set.of(), "reasoning", false, true);
    }

    /** How tool-call arguments are cut into chunks (field notes 10). */
    public enum Chunking {
        /** Each call whole in one chunk: id, name and all arguments. */
        ONE_CHUNK,
        /** id and name with empty arguments, then one chunk per character. */
        PER_CHARACTER,
        /** id and name with empty arguments for every call, then all arguments at the very end. */
        ARGS_AT_END,
        /** Parallel calls started first, then their argument fragments alternating between calls. */
        INTERLEAVED,
        /** id and name, and the arguments never come. */
        NO_ARGS
    }

    private volatile OpenAiReply reply;
    private volatile String requiredApiKey;
    private volatile Profile profile = Profile.OPENAI;
    private volatile Chunking chunking = Chunking.PER_CHARACTER;

    private FakeOpenAi(String name) {
        super(name);
        listen(new OpenAiDialect());
    }

    public static FakeOpenAi start(String name) {
        return new FakeOpenAi(Objects.requireNonNull(name));
    }


    public void reply(OpenAiReply reply) {
        this.reply = Objects.requireNonNull(reply);
    }

    public void replyText(String text) {
        reply(OpenAiReply.text(text));
    }

    public void profile(Profile profile) {
        this.profile = Objects.requireNonNull(profile);
    }

    /** How streamed tool-call arguments are cut (default: one character per chunk). */
    public void chunking(Chunking chunking) {
        this.chunking = Objects.requireNonNull(chunking);
    }

    /** Only this Bearer token is accepted; null accepts any non-empty one. */
    public void requireApiKey(String apiKey) {
        this.requiredApiKey = apiKey;
    }



    public void reset() {
        reply = null;
        requiredApiKey = null;
        profile = Profile.OPENAI;
        chunking = Chunking.PER_CHARACTER;
        super.reset();
    }








    private OpenAiReply currentReply() {
        OpenAiReply current = reply;
        return current != null ? current : OpenAiReply.text("Hello from " + name());
    }

    /** Path, credentials, then the body, in the order OpenAI checks them. */
    private final class OpenAiDialect implements Dialect {

        @Override
        public FakeResponse respond(RecordedRequest request) {
            if (!request.method().equals("POST") || !request.pathWithoutQuery().equals("/v1/chat/completions")) {
                return error(404, "invalid_request_error", "Invalid URL (" + request.method() + " " + request.path() + ")");
            }
            String auth = request.header("authorization");
            String key = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
            String required = requiredApiKey;
            if (key.isEmpty() || required != null && !required.equals(key)) {
                return FakeResponse.json(401, OpenAiWire.errorJson("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
            }
            JsonNode body = request.json();
            if (body == null || !body.isObject()) {
                return error(400, "invalid_request_error", "We could not parse the JSON body of your request.");
            }
            Profile p = profile;
            String invalid = OpenAiValidator.validate(body, p);
            if (invalid != null) return error(p.acceptedFields() != null && invalid.startsWith("Extra inputs") ? 422 : 400, "invalid_request_error", invalid);

            OpenAiReply answer = currentReply();
            int prompt = Math.max(1, request.bodyBytes().length / 4);
            var usage = new OpenAiWire.Usage(prompt, answer.completionTokens(), Math.min(prompt, answer.cachedTokens()));
            String model = body.get("model").asString();
            String id = OpenAiWire.newCompletionId();
            boolean stream = body.path("stream").asBoolean(false);
            if (!stream) return ok(FakeResponse.json(200, OpenAiWire.completion(id, model, answer, usage, p)));
            boolean usageChunk = p.usageAlways() || body.path("stream_options").path("include_usage").asBoolean(false);
            return ok(FakeResponse.sse(OpenAiWire.stream(id, model, answer, usage, p, chunking, usageChunk)));
        }

        private FakeResponse ok(FakeResponse response) {
            return response.withHeaders(java.util.Map.of("x-request-id", "req_" + OpenAiWire.randomId(24),
                    "x-ratelimit-remaining-requests", "499", "x-ratelimit-reset-requests", "120ms"));
        }

        @Override
        public FakeResponse error(int status, String errorType, String message) {
            String type = errorType != null ? errorType : switch (status) {
                case 429 -> "requests";
                case 401, 400, 404, 422 -> "invalid_request_error";
                default -> "server_error";
            };
            String code = switch (status) {
                case 429 -> "rate_limit_exceeded";
                case 401 -> "invalid_api_key";
                case 404 -> "model_not_found";
                default -> null;
            };
            String text = message != null ? message : switch (status) {
                case 429 -> "Rate limit reached for requests. Please try again in 1s.";
                case 503 -> "The server is overloaded or not ready yet.";
                case 500 -> "The server had an error while processing your request. Sorry about that!";
                default -> type.replace('_', ' ');
            };
            return FakeResponse.json(status, OpenAiWire.errorJson(text, type, code));
        }

        @Override
        public SseEvent streamError(String errorType, String message) {
            return new SseEvent(null, OpenAiWire.errorJson(message, errorType, null));
        }

        @Override
        public int statusFor(String errorType) {
            return switch (errorType) {
                case "invalid_request_error" -> 400;
                case "requests", "tokens", "rate_limit_exceeded" -> 429;
                case "overloaded" -> 503;
                default -> 500;
            };
        }
    }
}
