package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.Role;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.RequestValues;
import dev.baton.dialect.SharedValues;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An Anthropic Messages request body → {@link ChatRequest}. */
public final class AnthropicRequestDecoder {
    private AnthropicRequestDecoder() {
    }

    public static ChatRequest decode(ObjectNode body) {
        List<Block.Text> system = new ArrayList<>();
        JsonNode sys = body.path("system");
        if (sys.isString()) {
            if (!sys.asString().isEmpty()) system.add(new Block.Text(sys.asString()));
        } else if (sys.isArray()) {
            int i = 0;
            for (JsonNode b : sys) {
                String where = "system." + i++;
                if (!b.isObject()) throw new InvalidRequestException(where + ": must be a text block");
                system.add(new Block.Text(RequestValues.string(b.get("text"), where + ".text", ""), cacheControl(b)));
            }
        } else if (!sys.isMissingNode() && !sys.isNull()) {
            throw new InvalidRequestException("system: must be a string or an array of text blocks");
        }
        List<Message> messages = new ArrayList<>();
        JsonNode msgs = body.path("messages");
        if (!msgs.isArray()) throw new InvalidRequestException("messages: field required (an array of messages)");
        int i = 0;
        for (JsonNode m : msgs) {
            if (!m.isObject()) throw new InvalidRequestException("messages." + i + ": must be an object with role and content");
            String role = m.path("role").asString("");
            String where = "messages." + i;
            // Claude Code and other clients sometimes place system text among the messages
            if (role.equals("system")) {
                for (Block b : messageContent(m, where)) if (b instanceof Block.Text t) system.add(t);
            } else if (role.equals("user") || role.equals("assistant")) {
                messages.add(new Message(role.equals("user") ? Role.USER : Role.ASSISTANT, messageContent(m, where)));
            } else {
                throw new InvalidRequestException("messages." + i + ".role: must be 'user' or 'assistant', got '" + role + "'");
            }
            i++;
        }
        JsonNode toolList = RequestValues.array(body.get("tools"), "tools");
        List<Tool> tools = toolList == null ? List.of() : SharedValues.shared().derive(toolList, "anthropic tools", AnthropicRequestDecoder::tools);
        ToolChoice choice = null;
        Boolean parallel = null;
        JsonNode tc = RequestValues.object(body.get("tool_choice"), "tool_choice");
        if (tc != null) {
            String type = RequestValues.string(tc.get("type"), "tool_choice.type");
            choice = switch (type == null ? "auto" : type) {
                case "any" -> ToolChoice.ANY;
                case "none" -> ToolChoice.NONE;
                case "tool" -> new ToolChoice.Named(RequestValues.requiredString(tc.get("name"), "tool_choice.name"));
                default -> ToolChoice.AUTO;
            };
            if (Boolean.TRUE.equals(RequestValues.bool(tc.get("disable_parallel_tool_use"), "tool_choice.disable_parallel_tool_use"))) parallel = false;
        }
        List<String> stops = new ArrayList<>();
        JsonNode stopList = RequestValues.strings(body.get("stop_sequences"), "stop_sequences");
        if (stopList != null) for (JsonNode s : stopList) stops.add(s.stringValue());
        JsonNode metadata = RequestValues.object(body.get("metadata"), "metadata");
        return new ChatRequest(body.path("model").asString(""), system, messages, tools, choice, parallel,
                AnthropicRequestFields.maxTokens(body.get("max_tokens")), RequestValues.temperature(body.get("temperature")),
                RequestValues.topP(body.get("top_p")), RequestValues.topK(body.get("top_k")), stops,
                body.path("stream").asBoolean(false), reasoning(body), null,
                metadata == null ? null : RequestValues.string(metadata.get("user_id"), "metadata.user_id"));
    }

    private static Reasoning reasoning(ObjectNode body) {
        JsonNode t = RequestValues.object(body.get("thinking"), "thinking");
        String effort = AnthropicRequestFields.effort(RequestValues.object(body.get("output_config"), "output_config"));
        Integer budget = AnthropicRequestFields.budgetTokens(t);
        String type = t == null ? "" : t.path("type").asString("");
        if (type.equals("enabled")) return new Reasoning(budget, effort);
        if (type.equals("adaptive")) return new Reasoning(null, effort == null ? "medium" : effort);
        return null;
    }

    /**
     * A message's content blocks, decoded once for a message that an earlier turn sent too ({@link SharedValues#history}):
     * the decode depends on the message alone ({@code where} only names it in an error, and an error is not kept).
     */
    private static List<Block> messageContent(JsonNode message, String where) {
        return SharedValues.history().derive(message, "anthropic content", m -> List.copyOf(content(m.path("content"), where)));
    }

    static List<Block> content(JsonNode content, String where) {
        List<Block> out = new ArrayList<>();
        if (content.isString()) {
            out.add(new Block.Text(content.asString()));
            return out;
        }
        if (!content.isArray()) throw new InvalidRequestException(where + ".content: must be a string or an array of content blocks");
        int i = 0;
        for (JsonNode b : content) {
            Block block = block(b, where + ".content." + i++);
            if (block != null) out.add(block);
        }
        return out;
    }

    private static Block block(JsonNode b, String where) {
        if (!b.isObject()) throw new InvalidRequestException(where + ": must be a content block (an object with a type)");
        String type = b.path("type").asString("");
        return switch (type) {
            case "text" -> new Block.Text(RequestValues.string(b.get("text"), where + ".text", ""), cacheControl(b));
            case "image" -> image(b.path("source"), where);
            case "tool_use", "server_tool_use" -> new Block.ToolUse(RequestValues.requiredString(b.get("id"), where + ".id"),
                    RequestValues.requiredString(b.get("name"), where + ".name"),
                    b.path("input").isObject() ? b.get("input") : dev.baton.dialect.Json.MAPPER.createObjectNode());
            case "tool_result" -> {
                JsonNode c = b.path("content");
                List<Block> parts = c.isMissingNode() || c.isNull() ? List.of() : content(c, where);
                Boolean isError = RequestValues.bool(b.get("is_error"), where + ".is_error");
                yield new Block.ToolResult(RequestValues.requiredString(b.get("tool_use_id"), where + ".tool_use_id"), parts,
                        Boolean.TRUE.equals(isError));
            }
            case "thinking" -> new Block.Thinking(RequestValues.string(b.get("thinking"), where + ".thinking", ""),
                    RequestValues.string(b.get("signature"), where + ".signature"));
            case "redacted_thinking" -> new Block.RedactedThinking(RequestValues.requiredString(b.get("data"), where + ".data"));
            case "document" -> documentAsText(b);
            // results of Anthropic's server tools are meaningless to other providers
            case "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result" -> null;
            default -> throw new InvalidRequestException(where + ".type: unknown content block type '" + type + "'");
        };
    }

    private static Block image(JsonNode source, String where) {
        return switch (source.path("type").asString("")) {
            case "base64" -> Block.Image.base64(RequestValues.imageType(source.get("media_type"), where + ".source.media_type"),
                    RequestValues.requiredString(source.get("data"), where + ".source.data"));
            case "url" -> Block.Image.url(RequestValues.requiredString(source.get("url"), where + ".source.url"));
            default -> throw new InvalidRequestException(where + ".source.type: must be 'base64' or 'url'");
        };
    }

    /** Plain-text documents survive translation as text; other documents cannot be expressed elsewhere. */
    private static Block documentAsText(JsonNode b) {
        JsonNode source = b.path("source");
        if (source.path("type").asString("").equals("text")) return new Block.Text(source.path("data").asString(""));
        String title = b.path("title").asString("document");
        return new Block.Text("[" + title + ": a " + source.path("media_type").asString("binary") + " document was attached]");
    }

    private static List<Tool> tools(JsonNode list) {
        List<Tool> tools = new ArrayList<>();
        int t = 0;
        for (JsonNode tool : list) tools.add(tool(tool, "tools." + t++));
        return List.copyOf(tools); // as ChatRequest keeps it, so that encoders see this very list
    }

    private static Tool tool(JsonNode node, String where) {
        if (!(node instanceof ObjectNode t)) throw new InvalidRequestException(where + ": must be a tool (an object with a name)");
        String type = t.path("type").asString("custom");
        boolean client = type.equals("custom") || !t.has("type") || t.has("input_schema");
        if (client) {
            JsonNode schema = RequestValues.object(t.get("input_schema"), where + ".input_schema");
            return new Tool(RequestValues.toolName(t.get("name"), where + ".name"),
                    RequestValues.string(t.get("description"), where + ".description"), schema, null, t, cacheControl(t));
        }
        String name = RequestValues.string(t.get("name"), where + ".name");
        return new Tool(name == null ? type : name, null, null, type, t, cacheControl(t));
    }

    private static JsonNode cacheControl(JsonNode b) {
        JsonNode c = b.get("cache_control");
        return c == null || c.isNull() ? null : c;
    }

}
