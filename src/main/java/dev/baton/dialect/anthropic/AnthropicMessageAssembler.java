package dev.baton.dialect.anthropic;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.AnswerAssembler;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's stream events → the message a non-streamed call would have answered, the way the official SDKs
 * accumulate it: `message_start`'s message, each `content_block_start`'s block grown by its deltas, and
 * `message_delta`'s fields and usage laid over the message. Blocks and fields it does not know pass as they came.
 */
public final class AnthropicMessageAssembler implements AnswerAssembler {
    private ObjectNode message;
    private final List<Growing> blocks = new ArrayList<>();

    /** A block and what its deltas have added so far (appended once, when it stops: deltas come by the thousand). */
    private record Growing(ObjectNode block, StringBuilder text, StringBuilder thinking, StringBuilder json) {
        Growing(ObjectNode block) {
            this(block, new StringBuilder(block.path("text").asString("")), new StringBuilder(block.path("thinking").asString("")),
                    new StringBuilder());
        }

        ObjectNode finished() throws FailureException {
            if (block.has("text") || !text.isEmpty()) block.put("text", text.toString());
            if (block.has("thinking") || !thinking.isEmpty()) block.put("thinking", thinking.toString());
            if (!json.isEmpty()) block.set("input", parse(json.toString()));
            return block;
        }
    }

    @Override
    public void accept(SseEvent event) throws FailureException {
        String type = event.type();
        if (type.equals("ping") || type.equals("error")) return;
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            throw malformed("a " + type + " event that is not JSON");
        }
        switch (type) {
            case "message_start" -> message = data.path("message") instanceof ObjectNode m ? m : Json.MAPPER.createObjectNode();
            case "content_block_start" -> {
                int index = index(data);
                while (blocks.size() <= index) blocks.add(null);
                JsonNode block = data.path("content_block");
                blocks.set(index, new Growing(block instanceof ObjectNode b ? b : Json.MAPPER.createObjectNode()));
            }
            case "content_block_delta" -> delta(block(index(data)), data.path("delta"));
            case "message_delta" -> {
                if (message == null) throw malformed("message_delta before message_start");
                data.path("delta").properties().forEach(e -> message.set(e.getKey(), e.getValue()));
                JsonNode usage = data.path("usage");
                if (usage.isObject()) { // cumulative counts: the latest of each wins
                    ObjectNode into = message.path("usage") instanceof ObjectNode u ? u : message.putObject("usage");
                    usage.properties().forEach(e -> into.set(e.getKey(), e.getValue()));
                }
            }
            default -> { } // message_stop, and events a later API adds
        }
    }

    @Override
    public byte[] answer() throws FailureException {
        if (message == null) throw malformed("a stream without message_start");
        ArrayNode content = message.putArray("content");
        for (Growing b : blocks) if (b != null) content.add(b.finished());
        return Json.MAPPER.writeValueAsBytes(message);
    }

    private static void delta(Growing b, JsonNode delta) {
        switch (delta.path("type").asString("")) {
            case "text_delta" -> b.text().append(delta.path("text").asString(""));
            case "thinking_delta" -> b.thinking().append(delta.path("thinking").asString(""));
            case "signature_delta" -> b.block().put("signature", delta.path("signature").asString(""));
            case "input_json_delta" -> b.json().append(delta.path("partial_json").asString(""));
            case "citations_delta" -> {
                ArrayNode citations = b.block().path("citations") instanceof ArrayNode a ? a : b.block().putArray("citations");
                citations.add(delta.path("citation"));
            }
            default -> { } // a delta type this build does not know: the block keeps what its start said
        }
    }

    private Growing block(int index) throws FailureException {
        if (index >= blocks.size() || blocks.get(index) == null) throw malformed("a delta for block " + index + " that never started");
        return blocks.get(index);
    }

    private static int index(JsonNode data) throws FailureException {
        JsonNode i = data.path("index");
        if (!i.isIntegralNumber() || i.asInt() < 0 || i.asInt() > 10_000) throw malformed("an event without a valid index");
        return i.asInt();
    }

    private static JsonNode parse(String json) throws FailureException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw malformed("tool input that is not JSON");
        }
    }

    private static FailureException malformed(String what) {
        return new FailureException(new Failure.Malformed("upstream streamed " + what));
    }
}
