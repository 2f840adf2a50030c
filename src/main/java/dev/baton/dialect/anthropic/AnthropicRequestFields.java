package dev.baton.dialect.anthropic;

import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.RequestValues;
import tools.jackson.databind.JsonNode;

/**
 * The top-level fields of a Messages request that Baton reads or translates, with their types and ranges. They are
 * checked before routing, so a bad value is a 400 whichever deployment would serve, and never reaches an upstream or
 * the fallback loop; the decoder reads them through the same methods.
 */
public final class AnthropicRequestFields {
    private AnthropicRequestFields() {
    }

    /** @param maxTokensRequired true for `/v1/messages`, false for `/v1/messages/count_tokens` */
    public static void check(JsonFields f, boolean maxTokensRequired) {
        if (maxTokens(f.node("max_tokens")) == null && maxTokensRequired) {
            throw new InvalidRequestException("max_tokens: field required (a positive integer)");
        }
        RequestValues.temperature(f.node("temperature"));
        RequestValues.topP(f.node("top_p"));
        RequestValues.topK(f.node("top_k"));
        RequestValues.strings(f.node("stop_sequences"), "stop_sequences");
        byte system = f.firstByte("system");
        if (system != 0 && system != '"' && system != '[' && system != 'n') {
            throw new InvalidRequestException("system: must be a string or an array of text blocks");
        }
        RequestValues.container(f, "tools", '[');
        RequestValues.container(f, "tool_choice", '{');
        budgetTokens(RequestValues.object(f.node("thinking"), "thinking"));
        JsonNode metadata = RequestValues.object(f.node("metadata"), "metadata");
        if (metadata != null) RequestValues.string(metadata.get("user_id"), "metadata.user_id");
        effort(RequestValues.object(f.node("output_config"), "output_config"));
    }

    static Integer maxTokens(JsonNode v) {
        return RequestValues.integer(v, "max_tokens", 1);
    }

    /** `thinking.budget_tokens` (and `thinking.type` checked on the way), or null. */
    static Integer budgetTokens(JsonNode thinking) {
        if (thinking == null || !thinking.isObject()) return null;
        RequestValues.string(thinking.get("type"), "thinking.type");
        return RequestValues.integer(thinking.get("budget_tokens"), "thinking.budget_tokens", 0);
    }

    /** `output_config.effort`, or null. */
    static String effort(JsonNode outputConfig) {
        return outputConfig == null || !outputConfig.isObject() ? null : RequestValues.string(outputConfig.get("effort"), "output_config.effort");
    }
}
