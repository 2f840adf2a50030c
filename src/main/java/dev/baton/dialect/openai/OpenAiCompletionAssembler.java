package dev.baton.dialect.openai;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.AnswerAssembler;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chat Completions chunks → the `chat.completion` a non-streamed call would have answered: each choice's deltas
 * concatenated (content, refusal, reasoning, tool-call arguments by index), its last finish_reason, the usage chunk,
 * and the chunk's other fields as they came (`system_fingerprint`, `service_tier`, vendor extensions).
 */
public final class OpenAiCompletionAssembler implements AnswerAssembler {
    /** Delta fields that arrive in pieces; any other field of a delta is kept as last sent. */
    private static final java.util.Set<String> CONCATENATED = java.util.Set.of("content", "refusal", "reasoning_content", "reasoning");

    private ObjectNode completion;
    private final Map<Integer, Choice> choices = new TreeMap<>();

    private static final class Choice {
        final ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
        final Map<String, StringBuilder> pieces = new java.util.LinkedHashMap<>();
        final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
        final Map<Integer, StringBuilder> arguments = new TreeMap<>();
        JsonNode finishReason = Json.MAPPER.nullNode();
        ArrayNode logprobs;
    }

    @Override
    public void accept(SseEvent event) throws FailureException {
        String data = event.data().strip();
        if (data.isEmpty() || data.equals("[DONE]")) return;
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(data);
        } catch (JacksonException e) {
            throw new FailureException(new Failure.Malformed("upstream streamed a chunk that is not JSON"));
        }
        if (!(chunk instanceof ObjectNode c)) return;
        if (completion == null) {
            completion = c.deepCopy();
            completion.remove("choices");
            completion.put("object", "chat.completion");
        }
        if (c.path("usage").isObject()) completion.set("usage", c.get("usage"));
        for (JsonNode ch : c.path("choices")) choice(ch);
    }

    private void choice(JsonNode ch) {
        Choice choice = choices.computeIfAbsent(ch.path("index").asInt(0), i -> new Choice());
        JsonNode delta = ch.path("delta");
        for (Map.Entry<String, JsonNode> e : delta.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("tool_calls")) {
                for (JsonNode call : v) toolCall(choice, call);
            } else if (CONCATENATED.contains(name)) {
                if (!v.isNull()) choice.pieces.computeIfAbsent(name, k -> new StringBuilder()).append(v.asString(""));
            } else if (!v.isNull() || !choice.message.has(name)) {
                choice.message.set(name, v);
            }
        }
        if (!ch.path("finish_reason").isMissingNode() && !ch.path("finish_reason").isNull()) choice.finishReason = ch.get("finish_reason");
        JsonNode logprobs = ch.path("logprobs").path("content");
        if (logprobs.isArray()) {
            if (choice.logprobs == null) choice.logprobs = Json.MAPPER.createArrayNode();
            choice.logprobs.addAll((ArrayNode) logprobs);
        }
    }

    private static void toolCall(Choice choice, JsonNode call) {
        int index = call.path("index").asInt(choice.toolCalls.size());
        ObjectNode into = choice.toolCalls.computeIfAbsent(index, i -> Json.MAPPER.createObjectNode().put("type", "function"));
        StringBuilder args = choice.arguments.computeIfAbsent(index, i -> new StringBuilder());
        if (call.path("id").isString()) into.put("id", call.get("id").asString());
        if (call.path("type").isString()) into.put("type", call.get("type").asString());
        JsonNode fn = call.path("function");
        if (fn.path("name").isString() && !fn.get("name").asString().isEmpty()) {
            ObjectNode f = into.path("function") instanceof ObjectNode o ? o : into.putObject("function");
            f.put("name", fn.get("name").asString());
        }
        if (fn.path("arguments").isString()) args.append(fn.get("arguments").asString());
    }

    @Override
    public byte[] answer() throws FailureException {
        if (completion == null) throw new FailureException(new Failure.Malformed("upstream streamed no chunk"));
        ArrayNode out = completion.putArray("choices");
        choices.forEach((index, c) -> {
            ObjectNode choice = out.addObject().put("index", index);
            ObjectNode message = c.message;
            if (!message.has("content")) message.putNull("content");
            c.pieces.forEach((name, text) -> message.put(name, text.toString()));
            if (!c.toolCalls.isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                c.toolCalls.forEach((i, call) -> {
                    ObjectNode f = call.path("function") instanceof ObjectNode o ? o : call.putObject("function");
                    f.put("arguments", c.arguments.get(i).toString());
                    calls.add(call);
                });
            }
            choice.set("message", message);
            if (c.logprobs != null) choice.putObject("logprobs").set("content", c.logprobs);
            else choice.putNull("logprobs");
            choice.set("finish_reason", c.finishReason);
        });
        return Json.MAPPER.writeValueAsBytes(completion);
    }
}
