package dev.baton.dialect.gemini;

import dev.baton.canonical.Block;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.ToolCallMemory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Gemini's {@code streamGenerateContent?alt=sse} chunks → canonical events. Each chunk is a whole
 * {@code GenerateContentResponse} holding the next parts: text may arrive in pieces, a function call always whole,
 * thoughts as {@code thought: true} parts; {@code usageMetadata} is cumulative in every chunk; the last chunk carries
 * the {@code finishReason}, and the stream then ends with the connection (there is no end event).
 *
 * <p>State: which block is open (text or thinking, the only ones that span chunks), the next block index, the thinking
 * block's signature and a signature not yet bound to a call, whether a call was made, the finish reason, the usage.
 * Signatures arrive on the part after the thoughts or on the first function call; they close the thinking block as
 * its {@code baton:gemini:} signature and are remembered under the call's id (field notes 15).
 */
public final class GeminiStreamDecoder implements StreamDecoder {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private enum Open { NONE, TEXT, THINKING }

    private final String model;
    private final ToolCallMemory memory;
    private final Supplier<String> toolIds;

    private boolean started;
    private Open open = Open.NONE;
    private int openIndex;
    private int nextIndex;
    private String thinkingSignature;
    private String unboundSignature;
    private boolean sawToolUse;
    private String finishReason;
    private boolean finished;
    private Usage usage = Usage.ZERO;
    private boolean ended;

    /** @param model the model asked for, shown when Gemini does not name its {@code modelVersion} */
    public GeminiStreamDecoder(String model, ToolCallMemory memory) {
        this(model, memory, GeminiStreamDecoder::newToolId);
    }

    GeminiStreamDecoder(String model, ToolCallMemory memory, Supplier<String> toolIds) {
        this.model = model;
        this.memory = memory;
        this.toolIds = toolIds;
    }

    /** Anthropic-style ids for Gemini's id-less function calls ({@code toolu_} and 24 letters or digits). */
    static String newToolId() {
        StringBuilder b = new StringBuilder("toolu_");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 24; i++) b.append(ALPHANUMERIC.charAt(r.nextInt(ALPHANUMERIC.length())));
        return b.toString();
    }

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) throws FailureException {
        if (event.data().isBlank()) return;
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            throw new FailureException(new Failure.Malformed("Gemini sent a stream chunk that is not JSON"));
        }
        chunk(chunk, out);
    }

    /** One {@code GenerateContentResponse}: a stream chunk, or a whole answer. */
    void chunk(JsonNode chunk, Consumer<StreamEvent> out) throws FailureException {
        if (chunk.isArray() && !chunk.isEmpty()) chunk = chunk.get(0); // Vertex wraps errors in an array
        if (chunk.get("error") instanceof JsonNode error && error.isObject()) {
            throw new FailureException(GeminiFailures.classifyEvent(error));
        }
        if (!chunk.isObject()) throw new FailureException(new Failure.Malformed("Gemini sent a stream chunk that is not an object"));
        Usage u = GeminiUsage.read(chunk.get("usageMetadata"));
        if (u != null) usage = u;
        if (!started) {
            started = true;
            String id = chunk.path("responseId").asString("");
            out.accept(new StreamEvent.Start(id.isEmpty() ? "msg_" + newToolId().substring(6) : id,
                    chunk.path("modelVersion").asString(model), usage));
        }
        JsonNode candidate = chunk.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            String blocked = chunk.path("promptFeedback").path("blockReason").asString(null);
            if (blocked != null) refuse(blocked, out);
            return;
        }
        for (JsonNode part : candidate.path("content").path("parts")) part(part, out);
        String reason = candidate.path("finishReason").asString(null);
        if (reason != null) {
            Failure failure = GeminiFinish.failure(reason);
            if (failure != null) throw new FailureException(failure);
            finishReason = reason;
            finished = true;
        }
    }

    private void part(JsonNode p, Consumer<StreamEvent> out) {
        String signature = p.path("thoughtSignature").asString(null);
        if (p.path("thought").asBoolean(false)) {
            if (open != Open.THINKING) {
                close(null, out);
                begin(Open.THINKING, new Block.Thinking("", null), out);
            }
            String text = p.path("text").asString("");
            if (!text.isEmpty()) out.accept(new StreamEvent.ThinkingDelta(openIndex, text));
            if (signature != null) thinkingSignature = unboundSignature = signature;
            return;
        }
        JsonNode call = p.get("functionCall");
        if (call != null && call.isObject()) {
            close(signature, out);
            functionCall(call, signature != null ? signature : unboundSignature, out);
            unboundSignature = null;
            return;
        }
        String text = p.path("text").asString("");
        if (open == Open.THINKING && (signature != null || !text.isEmpty())) close(signature, out);
        if (text.isEmpty()) return; // never an empty text block (field notes 11)
        if (open != Open.TEXT) {
            close(null, out);
            begin(Open.TEXT, new Block.Text(""), out);
        }
        out.accept(new StreamEvent.TextDelta(openIndex, text));
    }

    private void functionCall(JsonNode call, String signature, Consumer<StreamEvent> out) {
        String id = call.path("id").asString("");
        if (id.isEmpty()) id = toolIds.get();
        JsonNode args = call.get("args") instanceof JsonNode a && a.isObject() ? a : Json.MAPPER.createObjectNode();
        int index = nextIndex++;
        out.accept(new StreamEvent.BlockStart(index, new Block.ToolUse(id, call.path("name").asString(""), Json.MAPPER.createObjectNode())));
        out.accept(new StreamEvent.ToolInputDelta(index, Json.MAPPER.writeValueAsString(args)));
        out.accept(new StreamEvent.BlockStop(index));
        memory.put(GeminiSignatures.KIND, id, signature);
        sawToolUse = true;
    }

    private void begin(Open kind, Block block, Consumer<StreamEvent> out) {
        open = kind;
        openIndex = nextIndex++;
        out.accept(new StreamEvent.BlockStart(openIndex, block));
    }

    /** Closes the open block; a thinking block first gets its signature (its own, or the one on the part after it). */
    private void close(String incomingSignature, Consumer<StreamEvent> out) {
        if (open == Open.NONE) return;
        if (open == Open.THINKING) {
            String signature = thinkingSignature != null ? thinkingSignature : incomingSignature;
            out.accept(new StreamEvent.SignatureDelta(openIndex, ThinkingOrigin.signature(GeminiSignatures.PROVIDER, signature)));
            thinkingSignature = null;
        }
        out.accept(new StreamEvent.BlockStop(openIndex));
        open = Open.NONE;
    }

    /** Gemini refused the prompt itself: say so in words, as a refusal, rather than answer nothing. */
    private void refuse(String blockReason, Consumer<StreamEvent> out) {
        close(null, out);
        begin(Open.TEXT, new Block.Text(""), out);
        out.accept(new StreamEvent.TextDelta(openIndex, "Gemini blocked this prompt (blockReason " + blockReason + ")."));
        finishReason = "SAFETY";
        finished = true;
    }

    @Override
    public void end(Consumer<StreamEvent> out) throws FailureException {
        if (ended) return;
        if (!finished) throw new FailureException(new Failure.Reset(false, "Gemini's stream ended without a finishReason"));
        complete(out);
    }

    /** Closes the answer: the open block, the stop reason with the last cumulative usage (field notes 37), the end. */
    void complete(Consumer<StreamEvent> out) {
        close(null, out);
        out.accept(new StreamEvent.Finish(GeminiFinish.stopReason(finishReason, sawToolUse), null, usage));
        out.accept(new StreamEvent.End());
        ended = true;
    }

    @Override
    public boolean isLast(SseEvent event) {
        String data = event.data();
        return data.contains("\"finishReason\"") || data.contains("\"error\"") || data.contains("\"blockReason\"");
    }
}
