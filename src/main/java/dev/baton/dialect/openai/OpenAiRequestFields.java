package dev.baton.dialect.openai;

import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.RequestValues;
import tools.jackson.databind.JsonNode;

/**
 * The top-level fields of a Chat Completions request that Baton reads or translates, with their types and ranges
 * (OpenAI's). They are checked before routing, so a bad value is a 400 whichever deployment would serve, and never
 * reaches an upstream or the fallback loop; the decoder reads them through the same methods.
 */
public final class OpenAiRequestFields {
    private OpenAiRequestFields() {
    }

    public static void check(JsonFields f) {
        maxTokens(f.node("max_tokens"), f.node("max_completion_tokens"));
        RequestValues.temperature(f.node("temperature"));
        RequestValues.topP(f.node("top_p"));
        RequestValues.topK(f.node("top_k"));
        n(f.node("n"));
        stop(f.node("stop"));
        RequestValues.container(f, "tools", '[');
        byte choice = f.firstByte("tool_choice");
        if (choice != 0 && choice != '"' && choice != '{' && choice != 'n') {
            throw new InvalidRequestException("tool_choice: must be 'auto', 'none', 'required' or an object naming a function");
        }
        RequestValues.bool(f.node("parallel_tool_calls"), "parallel_tool_calls");
        JsonNode options = RequestValues.object(f.node("stream_options"), "stream_options");
        if (options != null) RequestValues.bool(options.get("include_usage"), "stream_options.include_usage");
        RequestValues.container(f, "response_format", '{');
        RequestValues.string(f.node("reasoning_effort"), "reasoning_effort");
        RequestValues.string(f.node("user"), "user");
    }

    /** `max_completion_tokens`, else the older `max_tokens`; each checked. */
    static Integer maxTokens(JsonNode maxTokens, JsonNode maxCompletionTokens) {
        Integer legacy = RequestValues.integer(maxTokens, "max_tokens", 1);
        Integer current = RequestValues.integer(maxCompletionTokens, "max_completion_tokens", 1);
        return current != null ? current : legacy;
    }

    static Integer n(JsonNode v) {
        return RequestValues.integer(v, "n", 1);
    }

    /** A string or an array of strings, or null. */
    static JsonNode stop(JsonNode v) {
        if (v != null && v.isString()) return v;
        if (v != null && !v.isNull() && !v.isArray()) throw new InvalidRequestException("stop: must be a string or an array of strings");
        return RequestValues.strings(v, "stop");
    }
}
