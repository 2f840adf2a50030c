package dev.baton.server;

import dev.baton.dialect.Json;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.anthropic.AnthropicRequestEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Checks the common shape of a chat request body (Anthropic or OpenAI) before any upstream sees it. */
final class RequestBody {
    static final JsonMapper JSON = Json.MAPPER;

    private RequestBody() {
    }

    /** Validates the body and locates its top-level fields, without building its tree. */
    static JsonFields scan(byte[] body, boolean needsMaxTokens) {
        JsonFields fields;
        try {
            fields = JsonFields.of(body, AnthropicRequestEncoder.WATCHED);
        } catch (JsonFields.Invalid e) {
            if (e.notAnObject()) throw new HttpErrors.BadRequest(400, "request body must be a JSON object");
            throw new HttpErrors.BadRequest(400, "request body is not valid JSON: " + e.getMessage());
        }
        JsonNode model = fields.node("model");
        if (model == null || !model.isString() || model.asString().isBlank()) {
            throw new HttpErrors.BadRequest(400, "model: field required (a model name such as claude-sonnet-4-5)");
        }
        if (fields.firstByte("messages") != '[') throw new HttpErrors.BadRequest(400, "messages: field required (an array)");
        if (needsMaxTokens) {
            JsonNode max = fields.node("max_tokens");
            if (max == null || !max.isIntegralNumber() || max.asLong() < 1) {
                throw new HttpErrors.BadRequest(400, "max_tokens: field required (a positive integer)");
            }
        }
        JsonNode stream = fields.node("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) throw new HttpErrors.BadRequest(400, "stream: must be a boolean");
        return fields;
    }

    /** Validates the body and parses it into a tree. */
    static ObjectNode parse(byte[] body, boolean needsMaxTokens) {
        return (ObjectNode) JSON.readTree(scan(body, needsMaxTokens).bytes());
    }
}
