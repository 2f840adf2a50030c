package dev.baton.dialect.openai;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.StopReason;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolIds;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link ChatResponse} → a `chat.completion` object, as OpenAI's API reference shows it. */
public final class OpenAiResponseEncoder {
    private OpenAiResponseEncoder() {
    }

    public static ObjectNode encode(ChatResponse r, String model, ToolIds ids) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", completionId(r.id()));
        out.put("object", "chat.completion");
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Block b : r.content()) {
            switch (b) {
                case Block.Text t -> text.append(t.text());
                case Block.Thinking t -> reasoning.append(t.text() == null ? "" : t.text());
                case Block.ToolUse u -> {
                    ObjectNode call = calls.addObject().put("id", ids.toCaller(u.id(), ToolIds.Rule.ANY)).put("type", "function");
                    call.putObject("function").put("name", u.name()).put("arguments", u.input() == null ? "{}" : u.input().toString());
                }
                default -> { } // redacted thinking is only readable by Anthropic
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) message.putNull("content");
        else message.put("content", text.toString());
        if (!reasoning.isEmpty()) message.put("reasoning_content", reasoning.toString());
        if (!calls.isEmpty()) message.set("tool_calls", calls);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(calls.isEmpty() ? r.stopReason() : StopReason.TOOL_USE));
        OpenAiUsage.write(r.usage(), out.putObject("usage"));
        return out;
    }

    /** Anthropic's stop reason in OpenAI's terms. */
    public static String finishReason(StopReason stop) {
        return switch (stop) {
            case TOOL_USE -> "tool_calls";
            case MAX_TOKENS -> "length";
            case REFUSAL -> "content_filter";
            case END_TURN, STOP_SEQUENCE, PAUSE_TURN -> "stop";
        };
    }

    static String completionId(String id) {
        if (id == null || id.isEmpty()) return "chatcmpl-" + java.util.UUID.randomUUID().toString().replace("-", "");
        return id.startsWith("chatcmpl-") ? id : "chatcmpl-" + id;
    }
}
