package dev.baton.dialect;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.StreamEvent;
import dev.baton.canonical.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Canonical stream events → one {@link ChatResponse}: a whole answer read from a stream. A whole Gemini answer is
 * read by its stream decoder as a single chunk, and a whole answer Baton asked an upstream to stream is read this
 * way too, so every path shares one reading of blocks, signatures, stop reasons and usage (field notes 36).
 */
public final class StreamAssembler implements Consumer<StreamEvent> {
    private final List<Block> content = new ArrayList<>();
    private String id = "";
    private String model = "";
    private StopReason stopReason = StopReason.END_TURN;
    private Usage usage = Usage.ZERO;
    private StringBuilder text;
    private StringBuilder input;
    private Block current;
    private String signature;
    private String stopSequence;

    @Override
    public void accept(StreamEvent e) {
        switch (e) {
            case StreamEvent.Start s -> {
                id = s.id();
                model = s.model();
            }
            case StreamEvent.BlockStart b -> {
                current = b.block();
                text = new StringBuilder();
                input = new StringBuilder();
                signature = null;
            }
            case StreamEvent.TextDelta d -> text.append(d.text());
            case StreamEvent.ThinkingDelta d -> text.append(d.thinking());
            case StreamEvent.ToolInputDelta d -> input.append(d.partialJson());
            case StreamEvent.SignatureDelta d -> signature = d.signature();
            case StreamEvent.BlockStop b -> content.add(finished());
            case StreamEvent.Finish f -> {
                stopReason = f.stopReason();
                stopSequence = f.stopSequence();
                usage = f.usage();
            }
            case StreamEvent.End end -> { }
        }
    }

    private Block finished() {
        return switch (current) {
            case Block.Text t -> new Block.Text(text.toString());
            case Block.Thinking t -> new Block.Thinking(text.toString(), signature);
            case Block.ToolUse u -> new Block.ToolUse(u.id(), u.name(), Json.MAPPER.readTree(input.isEmpty() ? "{}" : input.toString()));
            default -> current;
        };
    }

    public ChatResponse response() {
        return new ChatResponse(id, model, content, stopReason, stopSequence, usage);
    }
}
