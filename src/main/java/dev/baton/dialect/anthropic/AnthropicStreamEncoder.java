package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.StreamEvent;
import dev.baton.dialect.Json;
import dev.baton.dialect.StreamEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical events → Anthropic SSE. Holds a text block back until it has non-blank text, so the caller never sees
 * an empty text block (field notes 9, 11), and numbers the blocks it does send 0, 1, 2…; gives thinking that came
 * without a signature a Baton one before the block closes.
 */
public final class AnthropicStreamEncoder implements StreamEncoder {
    private static final byte[] NOTHING = new byte[0];

    private final String model;
    private final Map<Integer, Integer> indices = new HashMap<>();
    private final Map<Integer, Boolean> thinkingSigned = new HashMap<>();
    private Integer pendingText; // canonical index of a text block not yet started for the caller
    private int next;

    public AnthropicStreamEncoder(String model) {
        this.model = model;
    }

    @Override
    public byte[] encode(StreamEvent event) {
        return switch (event) {
            case StreamEvent.Start s -> start(s);
            case StreamEvent.BlockStart b -> blockStart(b);
            case StreamEvent.TextDelta d -> textDelta(d);
            case StreamEvent.ToolInputDelta d -> delta(d.index(), "input_json_delta", "partial_json", d.partialJson());
            case StreamEvent.ThinkingDelta d -> delta(d.index(), "thinking_delta", "thinking", d.thinking());
            case StreamEvent.SignatureDelta d -> {
                thinkingSigned.put(d.index(), true);
                yield delta(d.index(), "signature_delta", "signature", d.signature());
            }
            case StreamEvent.BlockStop b -> blockStop(b.index());
            case StreamEvent.Finish f -> {
                ObjectNode e = Json.MAPPER.createObjectNode().put("type", "message_delta");
                ObjectNode d = e.putObject("delta").put("stop_reason", f.stopReason().wire());
                if (f.stopSequence() != null) d.put("stop_sequence", f.stopSequence());
                else d.putNull("stop_sequence");
                AnthropicUsage.write(f.usage(), e.putObject("usage"));
                yield sse("message_delta", e);
            }
            case StreamEvent.End e -> sse("message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop"));
        };
    }

    private byte[] start(StreamEvent.Start s) {
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", "message_start");
        ObjectNode m = e.putObject("message");
        m.put("id", s.id().startsWith("msg_") ? s.id() : "msg_" + s.id()).put("type", "message").put("role", "assistant").put("model", model);
        m.putArray("content");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        AnthropicUsage.write(s.usage(), m.putObject("usage"));
        return sse("message_start", e);
    }

    private byte[] blockStart(StreamEvent.BlockStart b) {
        if (b.block() instanceof Block.Text) {
            pendingText = b.index();
            return NOTHING;
        }
        ObjectNode block = AnthropicBlocks.answerBlock(b.block());
        if (b.block() instanceof Block.Thinking) {
            block.put("signature", "");
            thinkingSigned.put(b.index(), false);
        }
        return startEvent(b.index(), block);
    }

    private byte[] textDelta(StreamEvent.TextDelta d) {
        if (d.text().isEmpty()) return NOTHING;
        byte[] start = NOTHING;
        if (pendingText != null && pendingText == d.index()) {
            if (d.text().isBlank()) return NOTHING; // wait for real text before opening the block
            pendingText = null;
            start = startEvent(d.index(), Json.MAPPER.createObjectNode().put("type", "text").put("text", ""));
        }
        return concat(start, delta(d.index(), "text_delta", "text", d.text()));
    }

    private byte[] blockStop(int index) {
        if (pendingText != null && pendingText == index) { // a text block that never had text: never shown
            pendingText = null;
            return NOTHING;
        }
        Integer out = indices.get(index);
        if (out == null) return NOTHING;
        byte[] signature = NOTHING;
        if (Boolean.FALSE.equals(thinkingSigned.remove(index))) {
            signature = delta(index, "signature_delta", "signature", AnthropicBlocks.UNSIGNED);
        }
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", "content_block_stop").put("index", out);
        return concat(signature, sse("content_block_stop", e));
    }

    private byte[] startEvent(int index, ObjectNode block) {
        int out = next++;
        indices.put(index, out);
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", "content_block_start").put("index", out);
        e.set("content_block", block);
        return sse("content_block_start", e);
    }

    /**
     * A `content_block_delta` event, most of a stream's events: written as bytes around the escaped value, the same
     * JSON that a tree of it would serialize to, without building and walking one per event.
     */
    private byte[] delta(int index, String type, String field, String value) {
        Integer out = indices.get(index);
        if (out == null) return NOTHING;
        StringBuilder event = new StringBuilder(value.length() + 120).append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":")
                .append(out).append(",\"delta\":{\"type\":\"").append(type).append("\",\"").append(field).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, event); // a lone surrogate stays one, as in a tree
        return event.append("\"}}\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sse(String event, ObjectNode data) {
        return ("event: " + event + "\ndata: " + Json.MAPPER.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) return b;
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
