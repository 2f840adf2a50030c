package dev.baton.dialect.openai;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.Role;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.Json;
import dev.baton.dialect.RequestValues;
import dev.baton.dialect.SharedValues;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Chat Completions request body → {@link ChatRequest}. System and developer messages become the system prompt;
 * consecutive tool messages become one user message holding one tool result each, in order (field notes 1), followed
 * by whatever the next user message says.
 */
public final class OpenAiRequestDecoder {
    private OpenAiRequestDecoder() {
    }

    public static ChatRequest decode(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isString() || model.asString().isEmpty()) throw new InvalidRequestException("model: a model name is required");
        JsonNode msgs = body.get("messages");
        if (msgs == null || !msgs.isArray() || msgs.isEmpty()) throw new InvalidRequestException("messages: a non-empty array of messages is required");
        Integer n = OpenAiRequestFields.n(body.get("n"));
        if (n != null && n != 1) throw new InvalidRequestException("n: only one choice per request is supported");

        List<Block.Text> system = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        int i = 0;
        for (JsonNode m : msgs) {
            String where = "messages[" + i++ + "]";
            if (!m.isObject()) throw new InvalidRequestException(where + ": must be an object with a role");
            String role = m.path("role").asString("");
            // decoded once for a message that an earlier turn sent too (the role is the message's own)
            List<Block> blocks = SharedValues.history().derive(m, "openai blocks", msg -> List.copyOf(blocks(msg, role, where)));
            switch (role) {
                case "system", "developer" -> {
                    for (Block b : blocks) if (b instanceof Block.Text t && !t.isBlank()) system.add(t);
                }
                case "assistant" -> append(messages, Role.ASSISTANT, blocks);
                default -> append(messages, Role.USER, blocks); // user and tool
            }
        }
        JsonNode toolList = RequestValues.array(body.get("tools"), "tools");
        List<Tool> tools = toolList == null ? List.of() : SharedValues.shared().derive(toolList, "openai tools decoded", OpenAiRequestDecoder::tools);
        return new ChatRequest(model.asString(), system, messages, tools, toolChoice(body.get("tool_choice")),
                RequestValues.bool(body.get("parallel_tool_calls"), "parallel_tool_calls"),
                OpenAiRequestFields.maxTokens(body.get("max_tokens"), body.get("max_completion_tokens")),
                RequestValues.temperature(body.get("temperature")), RequestValues.topP(body.get("top_p")),
                RequestValues.topK(body.get("top_k")), stops(body.get("stop")),
                body.path("stream").asBoolean(false), reasoning(body.get("reasoning_effort")), responseFormat(body.get("response_format")),
                RequestValues.string(body.get("user"), "user"));
    }

    /** What one message says, as blocks; {@code where} names it in an error. */
    private static List<Block> blocks(JsonNode m, String role, String where) {
        return switch (role) {
            case "system", "developer" -> OpenAiContent.parts(m.get("content"), where, false);
            case "user" -> OpenAiContent.parts(m.get("content"), where, true);
            case "assistant" -> assistant(m, where);
            case "tool" -> List.of(toolResult(m, where));
            default -> throw new InvalidRequestException(where + ".role: must be system, developer, user, assistant or tool, got '" + role + "'");
        };
    }

    /** Consecutive messages of one role are one turn: tool results and the user text after them, most of all. */
    private static void append(List<Message> messages, Role role, List<Block> content) {
        if (content.isEmpty()) return;
        if (!messages.isEmpty() && messages.getLast().role() == role) {
            List<Block> merged = new ArrayList<>(messages.getLast().content());
            merged.addAll(content);
            messages.set(messages.size() - 1, new Message(role, merged));
        } else {
            messages.add(new Message(role, content));
        }
    }

    private static List<Block> assistant(JsonNode m, String where) {
        List<Block> out = new ArrayList<>();
        String reasoning = OpenAiReasoning.read(m);
        // reasoning a client sends back (DeepSeek's clients do) is kept for targets that want it, marked as not Anthropic's
        if (reasoning != null) out.add(new Block.Thinking(reasoning, ThinkingOrigin.signature("openai", "")));
        for (Block b : OpenAiContent.parts(m.get("content"), where, false)) if (!(b instanceof Block.Text t && t.isBlank())) out.add(b);
        int i = 0;
        JsonNode calls = RequestValues.array(m.get("tool_calls"), where + ".tool_calls");
        for (JsonNode call : calls == null ? List.<JsonNode>of() : calls) {
            String at = where + ".tool_calls[" + i++ + "]";
            if (!call.isObject()) throw new InvalidRequestException(at + ": must be a tool call object");
            if (!"function".equals(call.path("type").asString("function"))) throw new InvalidRequestException(at + ".type: only function tool calls are supported");
            JsonNode fn = call.path("function");
            String name = RequestValues.string(fn.get("name"), at + ".function.name", "");
            String id = RequestValues.string(call.get("id"), at + ".id", "");
            if (name.isEmpty() || id.isEmpty()) throw new InvalidRequestException(at + ": id and function.name are required");
            ObjectNode input = ToolArguments.lenient().parse(name, RequestValues.string(fn.get("arguments"), at + ".function.arguments", ""));
            if (input == null) throw new InvalidRequestException(at + ".function.arguments: must be a JSON object encoded as a string");
            out.add(new Block.ToolUse(id, name, input));
        }
        return out;
    }

    private static Block.ToolResult toolResult(JsonNode m, String where) {
        String id = RequestValues.string(m.get("tool_call_id"), where + ".tool_call_id", "");
        if (id.isEmpty()) throw new InvalidRequestException(where + ".tool_call_id: required for role 'tool'");
        return new Block.ToolResult(id, OpenAiContent.parts(m.get("content"), where, true), false);
    }

    private static List<Tool> tools(JsonNode tools) {
        List<Tool> out = new ArrayList<>();
        int i = 0;
        for (JsonNode t : tools) {
            String where = "tools[" + i++ + "]";
            if (!"function".equals(t.path("type").asString(""))) throw new InvalidRequestException(where + ".type: only 'function' tools are supported");
            JsonNode fn = t.path("function");
            String name = RequestValues.toolName(fn.get("name"), where + ".function.name");
            JsonNode params = fn.get("parameters");
            out.add(Tool.function(name, fn.path("description").isString() ? fn.get("description").asString() : null,
                    params != null && params.isObject() ? params : Json.MAPPER.createObjectNode().put("type", "object")));
        }
        return List.copyOf(out); // as ChatRequest keeps it, so that encoders see this very list
    }

    static ToolChoice toolChoice(JsonNode c) {
        if (c == null || c.isNull()) return null;
        if (c.isString()) {
            return switch (c.asString()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.ANY;
                default -> throw new InvalidRequestException("tool_choice: must be 'auto', 'none', 'required' or a function, got '" + c.asString() + "'");
            };
        }
        if (!c.isObject()) throw new InvalidRequestException("tool_choice: must be 'auto', 'none', 'required' or an object naming a function");
        String type = c.path("type").asString("");
        if (type.equals("function")) {
            String name = RequestValues.string(c.path("function").get("name"), "tool_choice.function.name", "");
            if (name.isEmpty()) throw new InvalidRequestException("tool_choice.function.name: required");
            return new ToolChoice.Named(name);
        }
        if (type.equals("allowed_tools")) return "required".equals(c.path("allowed_tools").path("mode").asString("")) ? ToolChoice.ANY : ToolChoice.AUTO;
        throw new InvalidRequestException("tool_choice.type: must be 'function', got '" + type + "'");
    }

    private static List<String> stops(JsonNode stop) {
        List<String> out = new ArrayList<>();
        JsonNode checked = OpenAiRequestFields.stop(stop);
        if (checked == null) return out;
        if (checked.isString()) out.add(checked.stringValue());
        else for (JsonNode s : checked) out.add(s.stringValue());
        return out;
    }

    private static Reasoning reasoning(JsonNode effort) {
        String e = RequestValues.string(effort, "reasoning_effort");
        return e == null || e.equals("none") ? null : new Reasoning(null, e);
    }

    private static JsonNode responseFormat(JsonNode f) {
        if (f == null || !f.isObject() || "text".equals(f.path("type").asString(""))) return null;
        return f;
    }

}
