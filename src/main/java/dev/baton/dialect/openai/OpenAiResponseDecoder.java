package dev.baton.dialect.openai;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StopReason;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A Chat Completions answer (`chat.completion`) → {@link ChatResponse}. */
public final class OpenAiResponseDecoder {
    private OpenAiResponseDecoder() {
    }

    /**
     * @param origin    the vendor's name, for the signature of translated thinking ({@link ThinkingOrigin})
     * @param arguments which tools need arguments
     * @param memory    where reasoning of a turn that called tools is kept for the next request (field notes 16)
     */
    public static ChatResponse decode(byte[] body, String origin, ToolArguments arguments, ToolCallMemory memory) throws FailureException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw malformed("is not JSON");
        }
        if (root.get("error") != null && root.get("error").isObject()) throw new FailureException(OpenAiFailures.classifyEvent(root));
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) throw malformed("has no choices[0].message");

        List<Block> content = new ArrayList<>();
        String reasoning = OpenAiReasoning.read(message);
        if (reasoning != null) content.add(new Block.Thinking(reasoning, ThinkingOrigin.signature(origin, "")));
        String text = text(message.get("content"));
        String refusal = message.path("refusal").asString(null);
        if (!text.isBlank()) content.add(new Block.Text(text));
        else if (refusal != null && !refusal.isBlank()) content.add(new Block.Text(refusal));
        List<String> callIds = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            String name = fn.path("name").asString("");
            String id = call.path("id").asString("");
            if (id.isEmpty()) id = newCallId();
            JsonNode args = fn.path("arguments");
            ObjectNode input = arguments.parse(name, args.isObject() ? args.toString() : args.asString("")); // some servers send an object
            if (name.isEmpty() || input == null) throw malformed("has a tool call to '" + name + "' whose arguments are not a JSON object");
            content.add(new Block.ToolUse(id, name, input));
            callIds.add(id);
        }
        if (reasoning != null) for (String id : callIds) memory.put(OpenAiReasoning.MEMORY_KIND, id, reasoning);

        StopReason stop = refusal != null && text.isBlank() ? StopReason.REFUSAL : stopReason(choice.path("finish_reason").asString(null));
        if (stop == StopReason.TOOL_USE && callIds.isEmpty()) throw malformed("says it called tools but holds no tool call");
        if (!callIds.isEmpty()) stop = StopReason.TOOL_USE; // field notes 8
        return new ChatResponse(root.path("id").asString(""), root.path("model").asString(""), content, stop, null,
                OpenAiUsage.read(root.get("usage")));
    }

    /** OpenAI's finish_reason in Anthropic's terms. */
    public static StopReason stopReason(String finishReason) {
        if (finishReason == null) return StopReason.END_TURN;
        return switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.REFUSAL;
            default -> StopReason.END_TURN;
        };
    }

    /** `content` as text: a string, or the text parts of an array. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isString()) return content.asString();
        StringBuilder b = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asString(""))) b.append(part.path("text").asString(""));
        }
        return b.toString();
    }

    static String newCallId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static FailureException malformed(String what) {
        return new FailureException(new Failure.Malformed("upstream answered 200 with a body that " + what));
    }
}
