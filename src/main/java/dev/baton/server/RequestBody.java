package dev.baton.server;

import dev.baton.dialect.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Parses and checks the common shape of a chat request body (Anthropic or OpenAI) before any upstream sees it. */
final class RequestBody {
    static final JsonMapper JSON = Json.MAPPER;

    private RequestBody() {
    }

    static ObjectNode parse(byte[] body, boolean needsMaxTokens) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new HttpErrors.BadRequest(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode obj)) throw new HttpErrors.BadRequest(400, "request body must be a JSON object");
        JsonNode model = obj.get("model");
        if (model == null || !model.isString() || model.asString().isBlank()) {
            throw new HttpErrors.BadRequest(400, "model: field required (a model name such as claude-sonnet-4-5)");
        }
        JsonNode messages = obj.get("messages");
        if (messages == null || !messages.isArray()) throw new HttpErrors.BadRequest(400, "messages: field required (an array)");
        if (needsMaxTokens) {
            JsonNode max = obj.get("max_tokens");
            if (max == null || !max.isIntegralNumber() || max.asLong() < 1) {
                throw new HttpErrors.BadRequest(400, "max_tokens: field required (a positive integer)");
            }
        }
        JsonNode stream = obj.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) throw new HttpErrors.BadRequest(400, "stream: must be a boolean");
        return obj;
    }
}
