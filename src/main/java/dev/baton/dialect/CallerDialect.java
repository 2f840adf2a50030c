package dev.baton.dialect;

import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.ChatResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A dialect Baton answers callers in: how to read their requests and write answers, streams and errors. */
public interface CallerDialect {

    Wire wire();

    /** @throws InvalidRequestException when the body is not a valid request in this dialect */
    ChatRequest decodeRequest(ObjectNode body);

    /**
     * Whether a same-dialect upstream's 200 body, already checked to be JSON, has the shape of a whole answer in this
     * dialect (an upstream that answers 200 with something else has failed, and the request moves on).
     */
    boolean isAnswer(JsonFields body);

    /** An assembler of this dialect's stream events into the whole answer they stream, fields kept as they came. */
    AnswerAssembler answerAssembler();

    /**
     * Checks the types and ranges of the top-level fields Baton reads or translates, before routing.
     *
     * @throws InvalidRequestException naming the first field that is wrong
     */
    void checkRequest(JsonFields fields);

    /** A whole answer. `model` is the model name the caller asked for. */
    byte[] encodeResponse(ChatResponse response, String model);

    /** A stream encoder for one answer; {@code streamOptions} is the caller's OpenAI `stream_options`, or null. */
    StreamEncoder streamEncoder(JsonNode streamOptions, String model);

    /** An error response body for this HTTP status. */
    byte[] errorBody(int status, String message);

    /** An error inside a stream that has begun (so that the client retries). */
    byte[] errorEvent(int status, String message);

    /** What keeps a quiet stream open: an SSE comment, which every SSE client ignores, unless the dialect has a ping. */
    default byte[] keepAliveEvent() {
        return KEEP_ALIVE_COMMENT;
    }

    byte[] KEEP_ALIVE_COMMENT = ": keep-alive\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
}
