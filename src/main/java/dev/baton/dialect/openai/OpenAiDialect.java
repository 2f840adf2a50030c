package dev.baton.dialect.openai;

import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.dialect.AnswerAssembler;
import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.Json;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.StreamEncoder;
import dev.baton.dialect.ToolIds;
import dev.baton.dialect.Wire;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI Chat Completions as spoken to callers of `POST /v1/chat/completions`. */
public final class OpenAiDialect implements CallerDialect {
    private final ToolIds ids;

    public OpenAiDialect() {
        this(ToolIds.shared());
    }

    public OpenAiDialect(ToolIds ids) {
        this.ids = ids;
    }

    @Override
    public Wire wire() {
        return Wire.OPENAI;
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body) {
        return OpenAiRequestDecoder.decode(body);
    }

    @Override
    public AnswerAssembler answerAssembler() {
        return new OpenAiCompletionAssembler();
    }

    @Override
    public boolean isAnswer(JsonFields body) {
        // some OpenAI-compatible servers answer 200 with an error object
        return body.firstByte("choices") == '[' && body.firstByte("error") != '{';
    }

    @Override
    public void checkRequest(JsonFields fields) {
        OpenAiRequestFields.check(fields);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, String model) {
        return Json.MAPPER.writeValueAsBytes(OpenAiResponseEncoder.encode(response, model, ids));
    }

    @Override
    public StreamEncoder streamEncoder(JsonNode streamOptions, String model) {
        boolean usage = streamOptions != null && streamOptions.path("include_usage").asBoolean(false);
        return new OpenAiStreamEncoder(model, usage, ids);
    }

    @Override
    public byte[] errorBody(int status, String message) {
        return OpenAiErrors.body(status, message);
    }

    @Override
    public byte[] errorEvent(int status, String message) {
        return OpenAiErrors.event(status, message);
    }
}
