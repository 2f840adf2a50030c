package dev.baton.dialect.openai;

import dev.baton.canonical.Block;
import dev.baton.canonical.StreamEvent;
import dev.baton.dialect.Json;
import dev.baton.dialect.StreamEncoder;
import dev.baton.dialect.ToolIds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical stream events → `chat.completion.chunk` events. The first chunk carries `role: "assistant"` (field notes
 * 12); tool calls are numbered 0, 1, 2 among tool calls (not by content block), their first delta carrying id, name
 * and empty arguments, later ones argument fragments; then the finish_reason chunk, the usage chunk with empty
 * `choices` when the caller asked for it (`stream_options.include_usage`), and `data: [DONE]`.
 */
public final class OpenAiStreamEncoder implements StreamEncoder {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final String model;
    private final boolean includeUsage;
    private final ToolIds ids;
    private final long created = Instant.now().getEpochSecond();
    private final Map<Integer, Integer> toolCallOf = new HashMap<>();
    private String id = OpenAiResponseEncoder.completionId(null);
    private boolean roleSent;

    public OpenAiStreamEncoder(String model, boolean includeUsage, ToolIds ids) {
        this.model = model;
        this.includeUsage = includeUsage;
        this.ids = ids;
    }

    @Override
    public byte[] encode(StreamEvent event) {
        return switch (event) {
            case StreamEvent.Start s -> {
                if (s.id() != null && !s.id().isEmpty()) id = OpenAiResponseEncoder.completionId(s.id());
                yield chunk(delta(), null);
            }
            case StreamEvent.TextDelta t -> t.text().isEmpty() ? EMPTY : stringChunk("content", t.text());
            case StreamEvent.ThinkingDelta t -> t.thinking().isEmpty() ? EMPTY : stringChunk("reasoning_content", t.thinking());
            case StreamEvent.BlockStart b when b.block() instanceof Block.ToolUse u -> {
                int n = toolCallOf.size();
                toolCallOf.put(b.index(), n);
                ObjectNode d = delta();
                ObjectNode call = d.putArray("tool_calls").addObject().put("index", n)
                        .put("id", ids.toCaller(u.id(), ToolIds.Rule.ANY)).put("type", "function");
                call.putObject("function").put("name", u.name()).put("arguments", "");
                yield chunk(d, null);
            }
            case StreamEvent.ToolInputDelta t -> {
                Integer n = toolCallOf.get(t.index());
                if (n == null || t.partialJson().isEmpty()) yield EMPTY;
                ObjectNode d = delta();
                d.putArray("tool_calls").addObject().put("index", n).putObject("function").put("arguments", t.partialJson());
                yield chunk(d, null);
            }
            case StreamEvent.Finish f -> {
                String reason = OpenAiResponseEncoder.finishReason(toolCallOf.isEmpty() ? f.stopReason() : dev.baton.canonical.StopReason.TOOL_USE);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(chunk(delta(), reason));
                if (includeUsage) out.writeBytes(usageChunk(f));
                yield out.toByteArray();
            }
            case StreamEvent.End e -> DONE;
            default -> EMPTY; // block starts and stops of text and thinking, signatures: nothing to say in this dialect
        };
    }

    /** An empty delta; the first one of the stream names the role. */
    private ObjectNode delta() {
        ObjectNode d = Json.MAPPER.createObjectNode();
        if (!roleSent) {
            roleSent = true;
            d.put("role", "assistant").put("content", "");
        }
        return d;
    }

    /**
     * A chunk whose delta is one string, most of a stream: written around the escaped value, the JSON that the tree of
     * {@link #chunk} serializes to, without building one per event.
     */
    private byte[] stringChunk(String field, String value) {
        if (!roleSent) return chunk(delta().put(field, value), null);
        StringBuilder c = new StringBuilder(value.length() + 200).append("data: {\"id\":\"");
        JsonStringEncoder.getInstance().quoteAsString(id, c);
        c.append("\",\"object\":\"chat.completion.chunk\",\"created\":").append(created).append(",\"model\":\"");
        JsonStringEncoder.getInstance().quoteAsString(model, c);
        c.append("\",\"choices\":[{\"index\":0,\"delta\":{\"").append(field).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, c);
        return c.append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode skeleton() {
        return Json.MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        ObjectNode c = skeleton();
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        return frame(c);
    }

    private byte[] usageChunk(StreamEvent.Finish f) {
        ObjectNode c = skeleton();
        c.putArray("choices");
        OpenAiUsage.write(f.usage(), c.putObject("usage"));
        return frame(c);
    }

    private static byte[] frame(ObjectNode chunk) {
        return ("data: " + Json.MAPPER.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
