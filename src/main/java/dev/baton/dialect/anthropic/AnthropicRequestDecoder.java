package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.Role;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.InvalidRequestException;
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
            for (JsonNode b : sys) system.add(new Block.Text(b.path("text").asString(""), cacheControl(b)));
        }
        List<Message> messages = new ArrayList<>();
        JsonNode msgs = body.path("messages");
        if (!msgs.isArray()) throw new InvalidRequestException("messages: field required (an array of messages)");
        int i = 0;
        for (JsonNode m : msgs) {
            String role = m.path("role").asString("");
            // Claude Code and other clients sometimes place system text among the messages
            if (role.equals("system")) {
                for (Block b : content(m.path("content"), "messages." + i)) if (b instanceof Block.Text t) system.add(t);
            } else if (role.equals("user") || role.equals("assistant")) {
                messages.add(new Message(role.equals("user") ? Role.USER : Role.ASSISTANT, content(m.path("content"), "messages." + i)));
            } else {
                throw new InvalidRequestException("messages." + i + ".role: must be 'user' or 'assistant', got '" + role + "'");
            }
            i++;
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode t : body.path("tools")) tools.add(tool((ObjectNode) t));
        ToolChoice choice = null;
        Boolean parallel = null;
        JsonNode tc = body.path("tool_choice");
        if (tc.isObject()) {
            choice = switch (tc.path("type").asString("auto")) {
                case "any" -> ToolChoice.ANY;
                case "none" -> ToolChoice.NONE;
                case "tool" -> new ToolChoice.Named(tc.path("name").asString());
                default -> ToolChoice.AUTO;
            };
            if (tc.path("disable_parallel_tool_use").asBoolean(false)) parallel = false;
        }
        List<String> stops = new ArrayList<>();
        for (JsonNode s : body.path("stop_sequences")) stops.add(s.asString());
        return new ChatRequest(body.path("model").asString(""), system, messages, tools, choice, parallel,
                intOrNull(body.get("max_tokens")), doubleOrNull(body.get("temperature")), doubleOrNull(body.get("top_p")),
                intOrNull(body.get("top_k")), stops, body.path("stream").asBoolean(false), reasoning(body),
                null, textOrNull(body.path("metadata").get("user_id")));
    }

    private static Reasoning reasoning(ObjectNode body) {
        JsonNode t = body.path("thinking");
        String effort = textOrNull(body.path("output_config").get("effort"));
        String type = t.path("type").asString("");
        if (type.equals("enabled")) return new Reasoning(intOrNull(t.get("budget_tokens")), effort);
        if (type.equals("adaptive")) return new Reasoning(null, effort == null ? "medium" : effort);
        return null;
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
        String type = b.path("type").asString("");
        return switch (type) {
            case "text" -> new Block.Text(b.path("text").asString(""), cacheControl(b));
            case "image" -> image(b.path("source"), where);
            case "tool_use", "server_tool_use" -> new Block.ToolUse(b.path("id").asString(), b.path("name").asString(),
                    b.path("input").isObject() ? b.get("input") : dev.baton.dialect.Json.MAPPER.createObjectNode());
            case "tool_result" -> {
                JsonNode c = b.path("content");
                List<Block> parts = c.isMissingNode() || c.isNull() ? List.of() : content(c, where);
                yield new Block.ToolResult(b.path("tool_use_id").asString(), parts, b.path("is_error").asBoolean(false));
            }
            case "thinking" -> new Block.Thinking(b.path("thinking").asString(""), textOrNull(b.get("signature")));
            case "redacted_thinking" -> new Block.RedactedThinking(b.path("data").asString(""));
            case "document" -> documentAsText(b);
            // results of Anthropic's server tools are meaningless to other providers
            case "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result" -> null;
            default -> throw new InvalidRequestException(where + ".type: unknown content block type '" + type + "'");
        };
    }

    private static Block image(JsonNode source, String where) {
        return switch (source.path("type").asString("")) {
            case "base64" -> Block.Image.base64(source.path("media_type").asString("image/png"), source.path("data").asString(""));
            case "url" -> Block.Image.url(source.path("url").asString());
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

    private static Tool tool(ObjectNode t) {
        String type = t.path("type").asString("custom");
        boolean client = type.equals("custom") || !t.has("type") || t.has("input_schema");
        if (client) {
            return new Tool(t.path("name").asString(), textOrNull(t.get("description")), t.get("input_schema"), null, t, cacheControl(t));
        }
        return new Tool(t.path("name").asString(type), null, null, type, t, cacheControl(t));
    }

    private static JsonNode cacheControl(JsonNode b) {
        JsonNode c = b.get("cache_control");
        return c == null || c.isNull() ? null : c;
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asInt();
    }

    private static Double doubleOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }
}
