package dev.baton.dialect.gemini;

import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.StreamAssembler;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A whole Gemini {@code generateContent} answer → {@link ChatResponse}, read exactly as a one-chunk stream. */
public final class GeminiResponseDecoder {
    private GeminiResponseDecoder() {
    }

    public static ChatResponse decode(byte[] body, String model, ToolCallMemory memory) throws FailureException {
        return decode(body, new GeminiStreamDecoder(model, memory));
    }

    static ChatResponse decode(byte[] body, GeminiStreamDecoder decoder) throws FailureException {
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw malformed("is not JSON");
        }
        if (!answer.isObject() || !(answer.has("candidates") || answer.has("promptFeedback"))) {
            throw malformed("is not a Gemini GenerateContentResponse");
        }
        StreamAssembler assembled = new StreamAssembler();
        decoder.chunk(answer, assembled);
        decoder.complete(assembled); // a whole answer is complete even when Gemini names no finishReason
        return assembled.response();
    }

    private static FailureException malformed(String what) {
        return new FailureException(new Failure.Malformed("Gemini answered 200 with a body that " + what));
    }
}
