package dev.baton.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI Chat Completions JSON and SSE shapes, as in OpenAI's API reference (chat.completion, chat.completion.chunk). */
final class OpenAiWire {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CREATED = 1_741_569_952L;

    private OpenAiWire() {}

    static String newCompletionId() {
        return "chatcmpl-" + randomId(29);
    }

    static String errorJson(String message, String type, String code) {
        return Json.write(Json.obj("error", Json.obj("message", message, "type", type, "param", null, "code", code)));
    }

    static String completion(String id, String model, OpenAiReply reply, Usage usage, FakeOpenAi.Profile profile) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", reply.text() == null && !reply.calls().isEmpty() ? null : reply.text() == null ? "" : reply.text());
        if (reply.reasoning() != null) message.put(profile.reasoningField(), reply.reasoning());
        if (!reply.calls().isEmpty()) {
            var calls = new ArrayList<Object>();
            for (OpenAiReply.Call c : reply.calls()) {
                calls.add(Json.obj("id", c.id(), "type", "function", "function", Json.obj("name", c.name(), "arguments", c.argumentsJson())));
            }
            message.put("tool_calls", calls);
        }
        message.put("refusal", null);
        return Json.write(Json.obj("id", id, "object", "chat.completion", "created", CREATED, "model", model,
                "choices", List.of(Json.obj("index", 0, "message", message, "logprobs", null, "finish_reason", reply.finishReason())),
                "usage", usage.json(profile), "system_fingerprint", "fp_fake"));
    }

    /** role chunk, reasoning, text, tool calls (cut by {@code chunking}), finish chunk, usage chunk (when asked), [DONE]. */
    static List<SseEvent> stream(String id, String model, OpenAiReply reply, Usage usage, FakeOpenAi.Profile profile,
                                 FakeOpenAi.Chunking chunking, boolean usageChunk) {
        var events = new ArrayList<SseEvent>();
        events.add(chunk(id, model, Json.obj("role", "assistant", "content", "", "refusal", null), null));
        if (reply.reasoning() != null) {
            for (String piece : AnthropicWire.split(reply.reasoning())) events.add(chunk(id, model, Json.obj(profile.reasoningField(), piece), null));
        }
        if (reply.text() != null) {
            for (String piece : AnthropicWire.split(reply.text())) events.add(chunk(id, model, Json.obj("content", piece), null));
        }
        toolCalls(id, model, reply.calls(), chunking, events);
        events.add(chunk(id, model, Map.of(), reply.finishReason()));
        if (usageChunk) {
            events.add(new SseEvent(null, Json.write(Json.obj("id", id, "object", "chat.completion.chunk", "created", CREATED,
                    "model", model, "choices", List.of(), "usage", usage.json(profile)))));
        }
        events.add(new SseEvent(null, "[DONE]"));
        return events;
    }

    private static void toolCalls(String id, String model, List<OpenAiReply.Call> calls, FakeOpenAi.Chunking chunking, List<SseEvent> events) {
        switch (chunking) {
            case ONE_CHUNK -> {
                for (int i = 0; i < calls.size(); i++) events.add(callChunk(id, model, i, calls.get(i), calls.get(i).argumentsJson()));
            }
            case PER_CHARACTER -> {
                for (int i = 0; i < calls.size(); i++) {
                    events.add(callChunk(id, model, i, calls.get(i), ""));
                    String args = calls.get(i).argumentsJson();
                    for (int c = 0; c < args.length(); c++) events.add(argsChunk(id, model, i, args.substring(c, c + 1)));
                }
            }
            case ARGS_AT_END -> {
                for (int i = 0; i < calls.size(); i++) events.add(callChunk(id, model, i, calls.get(i), ""));
                for (int i = 0; i < calls.size(); i++) events.add(argsChunk(id, model, i, calls.get(i).argumentsJson()));
            }
            case INTERLEAVED -> {
                var pieces = new ArrayList<List<String>>();
                for (int i = 0; i < calls.size(); i++) {
                    events.add(callChunk(id, model, i, calls.get(i), ""));
                    pieces.add(AnthropicWire.split(calls.get(i).argumentsJson()));
                }
                for (int p = 0; p < 3; p++) {
                    for (int i = 0; i < calls.size(); i++) if (p < pieces.get(i).size()) events.add(argsChunk(id, model, i, pieces.get(i).get(p)));
                }
            }
            case NO_ARGS -> {
                for (int i = 0; i < calls.size(); i++) events.add(callChunk(id, model, i, calls.get(i), ""));
            }
        }
    }

    private static SseEvent callChunk(String id, String model, int index, OpenAiReply.Call call, String args) {
        return chunk(id, model, Json.obj("tool_calls", List.of(Json.obj("index", index, "id", call.id(), "type", "function",
                "function", Json.obj("name", call.name(), "arguments", args)))), null);
    }

    private static SseEvent argsChunk(String id, String model, int index, String args) {
        return chunk(id, model, Json.obj("tool_calls", List.of(Json.obj("index", index, "function", Json.obj("arguments", args)))), null);
    }

    private static SseEvent chunk(String id, String model, Map<String, Object> delta, String finishReason) {
        return new SseEvent(null, Json.write(Json.obj("id", id, "object", "chat.completion.chunk", "created", CREATED, "model", model,
                "system_fingerprint", "fp_fake",
                "choices", List.of(Json.obj("index", 0, "delta", delta, "logprobs", null, "finish_reason", finishReason)))));
    }

    /** Token counts the fake reports; prompt includes cached tokens, as OpenAI's do. */
    record Usage(int prompt, int completion, int cached) {
        Map<String, Object> json(FakeOpenAi.Profile profile) {
            var u = new LinkedHashMap<String, Object>();
            u.put("prompt_tokens", prompt);
            u.put("completion_tokens", completion);
            u.put("total_tokens", prompt + completion);
            if (profile.deepseekCacheFields()) {
                u.put("prompt_cache_hit_tokens", cached);
                u.put("prompt_cache_miss_tokens", prompt - cached);
            } else {
                u.put("prompt_tokens_details", Json.obj("cached_tokens", cached));
            }
            return u;
        }
    }

    static String randomId(int length) {
        var id = new StringBuilder();
        for (int i = 0; i < length; i++) id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return id.toString();
    }
}
