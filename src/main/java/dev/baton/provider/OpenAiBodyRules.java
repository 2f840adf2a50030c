package dev.baton.provider;

import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import dev.baton.dialect.ToolIds;
import dev.baton.dialect.openai.OpenAiReasoning;
import dev.baton.provider.OpenAiVendor.ToolChoiceForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a Chat Completions body acceptable to one vendor ({@link OpenAiVendor}): the body Baton translated from
 * another dialect and a same-dialect caller's body alike, so every vendor quirk lives here once. What the vendor is not
 * known to reject passes through untouched.
 */
final class OpenAiBodyRules {
    /** What Baton puts between tool results and a user message for vendors that need an assistant turn there. */
    static final String BRIDGE = "(tool results received)";

    private OpenAiBodyRules() {
    }

    /**
     * Adapts {@code body} in place (the caller passes a copy it owns).
     *
     * @param model     the upstream model id
     * @param maxTokens the output limit to send (already clamped), or null to keep the body's own
     * @param wantUsage ask for the usage chunk at the end of a stream, where the vendor takes the option
     */
    static ObjectNode adapt(ObjectNode body, OpenAiVendor v, String model, Integer maxTokens, boolean wantUsage,
                            ToolCallMemory memory, ToolIds ids) {
        body.put("model", model);
        outputLimit(body, v, maxTokens);
        if (!v.sampling()) {
            body.remove("temperature");
            body.remove("top_p");
        }
        tools(body, v);
        streamOptions(body, v, wantUsage);
        reasoning(body, v);
        promptCacheKey(body, v);
        if (body.get("messages") instanceof ArrayNode messages) {
            body.set("messages", messages(messages, v, memory, ids));
            if (!v.jsonSchema()) schemaAsInstruction(body, (ArrayNode) body.get("messages"));
        }
        List<String> refused = new ArrayList<>();
        for (String field : body.propertyNames()) if (!v.acceptsField(field)) refused.add(field);
        refused.forEach(body::remove);
        return body;
    }

    private static void outputLimit(ObjectNode body, OpenAiVendor v, Integer clamped) {
        JsonNode given = body.has(OpenAiVendor.MAX_COMPLETION_TOKENS) ? body.get(OpenAiVendor.MAX_COMPLETION_TOKENS) : body.get(OpenAiVendor.MAX_TOKENS);
        body.remove(OpenAiVendor.MAX_COMPLETION_TOKENS);
        body.remove(OpenAiVendor.MAX_TOKENS);
        if (clamped != null) body.put(v.maxTokensField(), clamped);
        else if (given != null && !given.isNull()) body.set(v.maxTokensField(), given);
    }

    /** tool_choice forms the vendor lacks degrade (named → required → auto); none without support removes the tools. */
    private static void tools(ObjectNode body, OpenAiVendor v) {
        JsonNode tools = body.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            body.remove("tools"); // tool_choice and parallel_tool_calls are only allowed with tools
            body.remove("tool_choice");
            body.remove("parallel_tool_calls");
            return;
        }
        if (!v.parallelToolCalls()) body.remove("parallel_tool_calls");
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) return;
        ToolChoiceForm form = formOf(choice);
        if (form == null || v.accepts(form)) return;
        if (form == ToolChoiceForm.NONE) { // "do not call tools": without tools the model cannot
            body.remove("tools");
            body.remove("tool_choice");
            body.remove("parallel_tool_calls");
            return;
        }
        if (form == ToolChoiceForm.NAMED && v.accepts(ToolChoiceForm.REQUIRED)) body.put("tool_choice", "required");
        else if (v.accepts(ToolChoiceForm.AUTO)) body.put("tool_choice", "auto");
        else body.remove("tool_choice");
    }

    private static ToolChoiceForm formOf(JsonNode choice) {
        if (choice.isObject()) return "function".equals(choice.path("type").asString("")) ? ToolChoiceForm.NAMED : null;
        return switch (choice.asString("").toLowerCase(Locale.ROOT)) {
            case "auto" -> ToolChoiceForm.AUTO;
            case "none" -> ToolChoiceForm.NONE;
            case "required", "any" -> ToolChoiceForm.REQUIRED;
            default -> null;
        };
    }

    private static void streamOptions(ObjectNode body, OpenAiVendor v, boolean wantUsage) {
        boolean stream = body.path("stream").asBoolean(false);
        if (!stream || !v.streamUsage()) { // OpenAI rejects stream_options without stream
            body.remove("stream_options");
            return;
        }
        if (wantUsage) { // a copy of the caller's options: its tree is not changed below the top level
            ObjectNode options = body.get("stream_options") instanceof ObjectNode o ? o.deepCopy() : body.objectNode();
            body.set("stream_options", options.put("include_usage", true));
        }
    }

    /** The caller's `user` (one per Claude Code session) as the cache key, where the vendor routes by one and none came. */
    private static void promptCacheKey(ObjectNode body, OpenAiVendor v) {
        JsonNode user = body.get("user");
        boolean hasUser = user != null && user.isString() && !user.asString().isEmpty();
        if (v.promptCacheKey() && hasUser && !body.has("prompt_cache_key")) body.put("prompt_cache_key", user.asString());
    }

    private static void reasoning(ObjectNode body, OpenAiVendor v) {
        JsonNode effortNode = body.get("reasoning_effort");
        String effort = effortNode == null || effortNode.isNull() ? null : effortNode.asString("");
        switch (v.reasoning()) {
            case DROP -> body.remove("reasoning_effort");
            case EFFORT -> { }
            case OPENROUTER -> {
                body.remove("reasoning_effort");
                if (effort != null && !body.has("reasoning")) body.putObject("reasoning").put("effort", effort);
            }
            case DEEPSEEK -> {
                if (effort == null) return;
                if (!body.has("thinking")) body.putObject("thinking").put("type", effort.equals("none") ? "disabled" : "enabled");
                if (effort.equals("none")) body.remove("reasoning_effort");
                else body.put("reasoning_effort", effort.equals("max") || effort.equals("xhigh") ? "max" : "high");
            }
        }
    }

    /**
     * A vendor with JSON mode but no schemas gets `json_object` and the schema as an instruction: the answer is still
     * JSON, and JSON mode's demand that the prompt mention JSON is met.
     */
    private static void schemaAsInstruction(ObjectNode body, ArrayNode messages) {
        JsonNode format = body.get("response_format");
        if (format == null || !"json_schema".equals(format.path("type").asString(""))) return;
        String hint = "Respond with a single JSON object, and nothing else, that matches this JSON Schema:\n"
                + format.path("json_schema").path("schema");
        body.putObject("response_format").put("type", "json_object");
        JsonNode first = messages.isEmpty() ? null : messages.get(0);
        if (first instanceof ObjectNode sys && "system".equals(sys.path("role").asString("")) && sys.path("content").isString()) {
            messages.set(0, sys.deepCopy().put("content", sys.get("content").asString() + "\n\n" + hint));
        } else {
            messages.insert(0, Json.MAPPER.createObjectNode().put("role", "system").put("content", hint));
        }
    }

    /**
     * The messages as the vendor takes them. A message that must change is copied first: a caller's messages are
     * shared with its session's later turns ({@link dev.baton.dialect.SharedValues#history()}), so an unchanged one
     * goes out as the same node, and as the serialization made of it once.
     */
    private static ArrayNode messages(ArrayNode in, OpenAiVendor v, ToolCallMemory memory, ToolIds ids) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String previousRole = "";
        for (JsonNode node : in) {
            if (!(node instanceof ObjectNode m)) {
                out.add(node);
                continue;
            }
            String role = m.path("role").asString("");
            if (!v.messageName() && m.has("name")) m = withoutName(m);
            if (role.equals("assistant")) m = assistant(m, v, memory, ids);
            if (role.equals("tool") && m.get("tool_call_id") != null) {
                String id = m.get("tool_call_id").asString("");
                String target = ids.toTarget(id, v.toolIds());
                if (!target.equals(id)) m = m.deepCopy().put("tool_call_id", target);
            }
            if (v.assistantAfterTool() && previousRole.equals("tool") && role.equals("user")) {
                out.addObject().put("role", "assistant").put("content", BRIDGE);
            }
            out.add(m);
            previousRole = role;
        }
        return out;
    }

    private static ObjectNode withoutName(ObjectNode m) {
        ObjectNode copy = m.deepCopy();
        copy.remove("name");
        return copy;
    }

    /**
     * Tool-call ids in the vendor's format; and the turn's reasoning: vendors that need it back (DeepSeek, field notes
     * 16) get it on every turn that called tools, from the turn itself or from what Baton remembered of the answer;
     * all others never see it.
     */
    private static ObjectNode assistant(ObjectNode m, OpenAiVendor v, ToolCallMemory memory, ToolIds ids) {
        String remembered = null;
        List<String> targets = new ArrayList<>();
        boolean idsChange = false;
        if (m.get("tool_calls") instanceof ArrayNode array) {
            for (JsonNode c : array) {
                if (!(c instanceof ObjectNode call) || call.get("id") == null) continue;
                String original = call.get("id").asString("");
                String target = ids.toTarget(original, v.toolIds());
                targets.add(target);
                idsChange |= !target.equals(original);
                if (remembered == null) remembered = memory.get(OpenAiReasoning.MEMORY_KIND, target);
                if (remembered == null) remembered = memory.get(OpenAiReasoning.MEMORY_KIND, original);
            }
        }
        ObjectNode out = m;
        if (idsChange) {
            out = m.deepCopy();
            int k = 0;
            for (JsonNode c : out.get("tool_calls")) {
                if (c instanceof ObjectNode call && call.get("id") != null) call.put("id", targets.get(k++));
            }
        }
        boolean callsTools = m.get("tool_calls") instanceof ArrayNode a && !a.isEmpty();
        if (!v.echoReasoning() || !callsTools) { // OpenAI itself answers 400 to fields it does not know on messages
            if (!out.has("reasoning_content")) return out;
            if (out == m) out = m.deepCopy();
            out.remove("reasoning_content");
            return out;
        }
        JsonNode present = out.get("reasoning_content");
        if (present == null || present.asString("").isBlank()) {
            // an empty field is accepted where a missing one is a 400: turns made by other models had no reasoning
            String value = remembered != null ? remembered : "";
            if (present != null && present.isString() && present.asString().equals(value)) return out;
            if (out == m) out = m.deepCopy();
            out.put("reasoning_content", value);
        }
        return out;
    }
}
