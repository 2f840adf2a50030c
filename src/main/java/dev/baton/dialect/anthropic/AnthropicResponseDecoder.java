package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** An Anthropic message (a whole non-streamed answer) → {@link ChatResponse}. */
public final class AnthropicResponseDecoder {
    private AnthropicResponseDecoder() {
    }

    public static ChatResponse decode(byte[] body) throws FailureException {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw malformed("is not JSON");
        }
        if (!m.path("type").asString("").equals("message") || !m.path("content").isArray()) throw malformed("is not an Anthropic message");
        List<Block> content = new ArrayList<>();
        try {
            for (Block b : AnthropicRequestDecoder.content(m.get("content"), "content")) {
                if (b instanceof Block.Text t && t.isBlank()) continue;
                content.add(b);
            }
        } catch (InvalidRequestException e) {
            throw malformed(e.getMessage());
        }
        StopReason stop = StopReason.fromWire(m.path("stop_reason").asString(null));
        if (stop == StopReason.END_TURN && content.stream().anyMatch(b -> b instanceof Block.ToolUse)) stop = StopReason.TOOL_USE;
        return new ChatResponse(m.path("id").asString(""), m.path("model").asString(""), content, stop,
                m.path("stop_sequence").asString(null), AnthropicUsage.read(m.get("usage")));
    }

    private static FailureException malformed(String what) {
        return new FailureException(new Failure.Malformed("upstream answered 200 with a body that " + what));
    }
}
