package dev.baton.server;

import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.anthropic.AnthropicRequestEncoder;
import dev.baton.dialect.anthropic.AnthropicRequestFields;
import tools.jackson.databind.JsonNode;

/**
 * Checks a chat request body (Anthropic or OpenAI) before any upstream sees it: valid JSON (UTF-8 included), the
 * common shape, and the types and ranges of the fields the caller's dialect says Baton reads.
 */
final class RequestBody {
    private RequestBody() {
    }

    /** Validates a chat request in the caller's dialect and locates its top-level fields, without building its tree. */
    static JsonFields scan(byte[] body, CallerDialect dialect) {
        JsonFields fields = common(body);
        dialect.checkRequest(fields);
        return fields;
    }

    /** Validates a `count_tokens` body (Anthropic's, `max_tokens` optional) and locates its top-level fields. */
    static JsonFields countTokens(byte[] body) {
        JsonFields fields = common(body);
        AnthropicRequestFields.check(fields, false);
        return fields;
    }

    private static JsonFields common(byte[] body) {
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
        JsonNode stream = fields.node("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) throw new HttpErrors.BadRequest(400, "stream: must be a boolean");
        return fields;
    }
}
