package dev.baton.dialect.openai;

import dev.baton.canonical.Block;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.ToolCallMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * `chat.completion.chunk` events → canonical stream events, with explicit state.
 *
 * <ul>
 *   <li>Text and reasoning stream as they come. A text block opens only at the first non-whitespace text, so an
 *       empty or blank block is never emitted (field notes 9, 11); leading whitespace is kept for that block.</li>
 *   <li>Tool calls are assembled per `index` from any chunking (all at once, per character, arguments only at the
 *       end, several calls interleaved) and emitted whole when the choice finishes, each as BlockStart, one
 *       ToolInputDelta and BlockStop. Only then are the arguments complete, so they are validated before the block
 *       is shown: arguments that are not a JSON object (or missing for a tool that requires some) fail the attempt as
 *       {@link Failure.Malformed} rather than being repaired or sent as `{}` (field notes 10). Before the caller saw
 *       content that falls back invisibly; after, the caller's stream ends with an error so the client retries.</li>
 *   <li>The stop reason is tool_use whenever a tool call was emitted, whatever finish_reason said (field notes 8).</li>
 *   <li>Finish waits for the usage chunk that follows finish_reason, and is sent at `[DONE]` (or the end of a stream
 *       that finished without it). A stream that ends before finish_reason is a {@link Failure.Reset}.</li>
 * </ul>
 */
public final class OpenAiStreamDecoder implements StreamDecoder {
    private enum Open { NONE, TEXT, THINKING }

    private final String origin;
    private final ToolArguments arguments;
    private final ToolCallMemory memory;

    private boolean started;
    private int nextIndex;
    private Open open = Open.NONE;
    private int openIndex;
    private final StringBuilder pendingText = new StringBuilder();
    private final StringBuilder pendingThinking = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final TreeMap<Integer, Call> calls = new TreeMap<>();
    private Call lastCall;
    private String finishReason;
    private boolean refusal;
    private boolean callsEmitted;
    private Usage usage = Usage.ZERO;
    private boolean ended;

    private static final class Call {
        String id = "";
        String name = "";
        final StringBuilder args = new StringBuilder();
    }

    public OpenAiStreamDecoder(String origin, ToolArguments arguments, ToolCallMemory memory) {
        this.origin = origin;
        this.arguments = arguments;
        this.memory = memory;
    }

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) throws FailureException {
        if (ended) return;
        if (event.dataIs("")) return;
        if (event.dataIs("[DONE]")) {
            finish(out);
            return;
        }
        OpenAiChunk chunk;
        try {
            chunk = OpenAiChunk.read(event.dataParser());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new FailureException(new Failure.Malformed("upstream sent a stream chunk that is not a JSON object"));
        }
        if (chunk.hasError()) throw new FailureException(OpenAiFailures.classifyEvent(Json.MAPPER.readTree(event.data())));
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Start(chunk.id(), chunk.model(), Usage.ZERO));
        }
        usage = usage.merge(OpenAiUsage.read(chunk.usage()));
        usage = usage.merge(OpenAiUsage.read(chunk.groqUsage()));
        for (OpenAiChunk.Delta choice : chunk.choices()) choice(choice, out);
    }

    private void choice(OpenAiChunk.Delta delta, Consumer<StreamEvent> out) throws FailureException {
        if (delta.reasoning() != null) thinking(delta.reasoning(), out);
        if (delta.content() != null) text(delta.content(), out);
        if (delta.refusal() != null && !delta.refusal().isEmpty()) {
            refusal = true;
            text(delta.refusal(), out);
        }
        if (delta.toolCalls() != null) for (JsonNode tc : delta.toolCalls()) toolCallDelta(tc);
        String fr = delta.finishReason();
        if (fr != null) {
            if (fr.equals("error")) throw new FailureException(new Failure.ServerError(500, "upstream stream finished with an error"));
            finishReason = fr;
            closeOpen(out);
            emitCalls(out);
        }
    }

    private void text(String s, Consumer<StreamEvent> out) {
        if (s.isEmpty()) return;
        if (open == Open.TEXT) {
            out.accept(new StreamEvent.TextDelta(openIndex, s));
            return;
        }
        if (s.isBlank()) { // not worth a block of its own; kept in case text follows
            pendingText.append(s);
            return;
        }
        closeOpen(out);
        openIndex = nextIndex++;
        open = Open.TEXT;
        out.accept(new StreamEvent.BlockStart(openIndex, new Block.Text("")));
        out.accept(new StreamEvent.TextDelta(openIndex, pendingText + s));
        pendingText.setLength(0);
    }

    private void thinking(String s, Consumer<StreamEvent> out) {
        reasoning.append(s);
        if (open == Open.THINKING) {
            out.accept(new StreamEvent.ThinkingDelta(openIndex, s));
            return;
        }
        if (s.isBlank()) {
            pendingThinking.append(s);
            return;
        }
        closeOpen(out);
        openIndex = nextIndex++;
        open = Open.THINKING;
        out.accept(new StreamEvent.BlockStart(openIndex, new Block.Thinking("", null)));
        out.accept(new StreamEvent.ThinkingDelta(openIndex, pendingThinking + s));
        pendingThinking.setLength(0);
    }

    private void closeOpen(Consumer<StreamEvent> out) {
        if (open == Open.THINKING) out.accept(new StreamEvent.SignatureDelta(openIndex, ThinkingOrigin.signature(origin, "")));
        if (open != Open.NONE) out.accept(new StreamEvent.BlockStop(openIndex));
        open = Open.NONE;
    }

    /** Collects one fragment of a tool call. Calls are told apart by `index`; servers that omit it start a call with its id. */
    private void toolCallDelta(JsonNode tc) {
        String id = tc.path("id").asString("");
        Call call;
        if (tc.get("index") != null && tc.get("index").isNumber()) {
            call = calls.computeIfAbsent(tc.get("index").asInt(), i -> new Call());
        } else if (lastCall == null || !id.isEmpty() && !id.equals(lastCall.id)) {
            call = new Call();
            calls.put(calls.isEmpty() ? 0 : calls.lastKey() + 1, call);
        } else {
            call = lastCall;
        }
        lastCall = call;
        if (!id.isEmpty()) call.id = id;
        JsonNode fn = tc.path("function");
        String name = fn.path("name").asString("");
        if (!name.isEmpty() && call.name.isEmpty()) call.name = name;
        JsonNode args = fn.get("arguments");
        if (args != null && args.isString()) call.args.append(args.asString());
        else if (args != null && args.isObject()) call.args.append(args.toString()); // servers that send an object
    }

    private void emitCalls(Consumer<StreamEvent> out) throws FailureException {
        if (callsEmitted) return;
        callsEmitted = true;
        List<String> ids = new ArrayList<>();
        for (Call call : calls.values()) {
            ObjectNode input = arguments.parse(call.name, call.args.toString());
            if (call.name.isEmpty() || input == null) {
                throw new FailureException(new Failure.Malformed("upstream streamed a tool call to '" + call.name
                        + "' whose arguments are not a JSON object" + (call.args.isEmpty() ? " (none arrived)" : "")));
            }
            String id = call.id.isEmpty() ? OpenAiResponseDecoder.newCallId() : call.id;
            int index = nextIndex++;
            out.accept(new StreamEvent.BlockStart(index, new Block.ToolUse(id, call.name, Json.MAPPER.createObjectNode())));
            out.accept(new StreamEvent.ToolInputDelta(index, input.toString()));
            out.accept(new StreamEvent.BlockStop(index));
            ids.add(id);
        }
        if (!reasoning.isEmpty()) for (String id : ids) memory.put(OpenAiReasoning.MEMORY_KIND, id, reasoning.toString());
    }

    /** The answer is complete: close what is open and send Finish with the final usage, then End. */
    private void finish(Consumer<StreamEvent> out) throws FailureException {
        if (ended) return;
        if (!started) throw new FailureException(new Failure.Reset(true, "upstream stream ended before any chunk"));
        closeOpen(out);
        emitCalls(out);
        StopReason stop = refusal ? StopReason.REFUSAL : OpenAiResponseDecoder.stopReason(finishReason);
        if (stop == StopReason.TOOL_USE && calls.isEmpty()) { // the calls were lost on the way: never a tool_use stop without one
            throw new FailureException(new Failure.Malformed("upstream finished with tool_calls but streamed no tool call"));
        }
        if (!calls.isEmpty()) stop = StopReason.TOOL_USE;
        ended = true;
        out.accept(new StreamEvent.Finish(stop, null, usage));
        out.accept(new StreamEvent.End());
    }

    @Override
    public void end(Consumer<StreamEvent> out) throws FailureException {
        if (ended) return;
        if (finishReason == null) {
            throw new FailureException(new Failure.Reset(!started, "upstream stream ended before finish_reason"));
        }
        finish(out); // some servers never send [DONE]
    }

    @Override
    public boolean isLast(SseEvent event) {
        return event.dataIs("[DONE]");
    }
}
