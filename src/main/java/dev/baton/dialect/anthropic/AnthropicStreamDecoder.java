package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.StreamDecoder;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's SSE events → canonical events. The grammars are the same, so this mostly renames; it keeps the usage
 * cumulative (message_start's input counts, message_delta's final counts) and marks tool use as the stop reason
 * whenever a tool was called.
 */
public final class AnthropicStreamDecoder implements StreamDecoder {
    private Usage usage = Usage.ZERO;
    private boolean sawToolUse;
    private boolean finished;
    private boolean ended;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) throws FailureException {
        String type = event.type();
        if (type.equals("ping")) return;
        if (type.equals("error")) throw new FailureException(AnthropicFailures.classifyEvent(event.data()));
        if (type.equals("content_block_delta")) {
            delta(event, out);
            return;
        }
        JsonNode e;
        try {
            e = Json.MAPPER.readTree(event.data());
        } catch (JacksonException ex) {
            throw new FailureException(new Failure.Malformed("upstream sent a " + type + " event that is not JSON"));
        }
        int upstreamIndex = e.path("index").asInt(0);
        Integer index = mapped(upstreamIndex);
        switch (type) {
            case "message_start" -> {
                JsonNode m = e.path("message");
                usage = AnthropicUsage.read(m.get("usage"));
                out.accept(new StreamEvent.Start(m.path("id").asString(""), m.path("model").asString(""), usage));
            }
            case "content_block_start" -> {
                JsonNode b = e.path("content_block");
                Block block = switch (b.path("type").asString("")) {
                    case "text" -> new Block.Text("");
                    case "tool_use", "server_tool_use" -> {
                        sawToolUse = true;
                        yield new Block.ToolUse(b.path("id").asString(), b.path("name").asString(), Json.MAPPER.createObjectNode());
                    }
                    case "thinking" -> new Block.Thinking("", null);
                    case "redacted_thinking" -> new Block.RedactedThinking(b.path("data").asString(""));
                    default -> null; // server tool results and future block types: nothing other dialects can show
                };
                if (block != null) out.accept(new StreamEvent.BlockStart(open(upstreamIndex), block));
            }
            case "content_block_stop" -> {
                if (index != null) out.accept(new StreamEvent.BlockStop(index));
            }
            case "message_delta" -> {
                usage = usage.merge(AnthropicUsage.read(e.get("usage")));
                StopReason stop = StopReason.fromWire(e.path("delta").path("stop_reason").asString(null));
                if (stop == StopReason.END_TURN && sawToolUse) stop = StopReason.TOOL_USE;
                finished = true;
                out.accept(new StreamEvent.Finish(stop, e.path("delta").path("stop_sequence").asString(null), usage));
            }
            case "message_stop" -> {
                ended = true;
                out.accept(new StreamEvent.End());
            }
            default -> { }
        }
    }

    /** Most of a stream's events, read without a tree ({@link AnthropicDelta}). */
    private void delta(SseEvent event, Consumer<StreamEvent> out) throws FailureException {
        AnthropicDelta d;
        try {
            d = AnthropicDelta.read(event.dataParser());
        } catch (JacksonException | IllegalArgumentException ex) {
            throw new FailureException(new Failure.Malformed("upstream sent a content_block_delta event that is not a JSON object"));
        }
        Integer index = mapped(d.index());
        if (index == null) return;
        switch (d.type()) {
            case "text_delta" -> out.accept(new StreamEvent.TextDelta(index, d.value()));
            case "input_json_delta" -> out.accept(new StreamEvent.ToolInputDelta(index, d.value()));
            case "thinking_delta" -> out.accept(new StreamEvent.ThinkingDelta(index, d.value()));
            case "signature_delta" -> out.accept(new StreamEvent.SignatureDelta(index, d.value()));
            default -> { }
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) throws FailureException {
        if (ended) return;
        if (!finished) throw new FailureException(new Failure.Reset(false, "upstream stream ended before message_stop"));
        ended = true;
        out.accept(new StreamEvent.End());
    }

    @Override
    public boolean isLast(SseEvent event) {
        String type = event.type();
        return type.equals("message_stop") || type.equals("error");
    }

    /** Upstream block index → canonical index; blocks other dialects cannot show are left out and the rest renumbered. */
    private final java.util.Map<Integer, Integer> indices = new java.util.HashMap<>();
    private int nextIndex;

    private int open(int upstreamIndex) {
        int i = nextIndex++;
        indices.put(upstreamIndex, i);
        return i;
    }

    private Integer mapped(int upstreamIndex) {
        return indices.get(upstreamIndex);
    }
}
