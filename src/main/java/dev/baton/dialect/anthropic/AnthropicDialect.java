package dev.baton.dialect.anthropic;

import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import dev.baton.dialect.AnswerAssembler;
import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.Json;
import dev.baton.dialect.JsonFields;
import tools.jackson.databind.JsonNode;
import dev.baton.dialect.StreamEncoder;
import dev.baton.dialect.Wire;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's Messages API as callers (Claude Code, the Anthropic SDKs) speak it. */
public final class AnthropicDialect implements CallerDialect {
    public static final AnthropicDialect INSTANCE = new AnthropicDialect();

    private static final byte[] PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private AnthropicDialect() {
    }

    @Override
    public Wire wire() {
        return Wire.ANTHROPIC;
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body) {
        return AnthropicRequestDecoder.decode(body);
    }

    @Override
    public AnswerAssembler answerAssembler() {
        return new AnthropicMessageAssembler();
    }

    @Override
    public boolean isAnswer(JsonFields body) {
        JsonNode type = body.node("type");
        return type != null && type.asString("").equals("message") && body.firstByte("content") == '[';
    }

    @Override
    public void checkRequest(JsonFields fields) {
        AnthropicRequestFields.check(fields, true);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, String model) {
        return Json.MAPPER.writeValueAsBytes(AnthropicResponseEncoder.encode(response, model));
    }

    @Override
    public StreamEncoder streamEncoder(JsonNode streamOptions, String model) {
        return new AnthropicStreamEncoder(model);
    }

    @Override
    public byte[] keepAliveEvent() {
        return PING;
    }

    @Override
    public byte[] errorBody(int status, String message) {
        return AnthropicErrors.body(AnthropicErrors.typeFor(status), message);
    }

    @Override
    public byte[] errorEvent(int status, String message) {
        return AnthropicErrors.event(AnthropicErrors.typeFor(status), message);
    }
}
