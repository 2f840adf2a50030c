package dev.baton.dialect.anthropic;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.Json;
import dev.baton.dialect.SharedValues;
import dev.baton.dialect.ToolIds;
import dev.baton.dialect.Wire;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link ChatRequest} → an Anthropic Messages request body. */
public final class AnthropicRequestEncoder {
    /** The string a caller's body is scanned for ({@link JsonFields#of(byte[], String)}): the thinking block type. */
    public static final String WATCHED = "thinking";
    /** Anthropic requires max_tokens; callers of other dialects may leave it out. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int MIN_THINKING_BUDGET = 1024;

    private AnthropicRequestEncoder() {
    }

    /**
     * The body to send an Anthropic-dialect upstream: the caller's own tree when it spoke Anthropic (a copy, with
     * thinking Anthropic cannot verify removed), else the canonical request encoded.
     */
    public static ObjectNode bodyFor(CallerBody body) {
        if (body.wire() == Wire.ANTHROPIC && body.raw() != null) return withoutForeignThinking(body.raw());
        return encode(body.canonical());
    }

    public static ObjectNode encode(ChatRequest r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", r.model());
        int maxTokens = r.maxTokens() != null ? r.maxTokens() : DEFAULT_MAX_TOKENS;
        if (r.reasoning() != null) {
            int budget = Math.max(MIN_THINKING_BUDGET, r.reasoning().budget());
            if (budget >= maxTokens) maxTokens = budget + DEFAULT_MAX_TOKENS; // Anthropic requires budget < max_tokens
            out.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
        out.put("max_tokens", maxTokens);
        system(r, out);
        ArrayNode messages = out.putArray("messages");
        for (Message m : r.messages()) {
            ArrayNode content = Json.MAPPER.createArrayNode();
            for (Block b : m.content()) {
                ObjectNode block = block(b);
                if (block != null) content.add(block);
            }
            if (content.isEmpty()) continue; // Anthropic rejects empty messages
            ObjectNode msg = messages.addObject();
            msg.put("role", m.role() == dev.baton.canonical.Role.USER ? "user" : "assistant");
            msg.set("content", content);
        }
        tools(r, out);
        // thinking requires the default temperature and no top_k
        if (r.temperature() != null && r.reasoning() == null) out.put("temperature", Math.min(1.0, r.temperature()));
        if (r.topP() != null) out.put("top_p", r.topP());
        if (r.topK() != null && r.reasoning() == null) out.put("top_k", r.topK());
        if (!r.stopSequences().isEmpty()) {
            ArrayNode stops = out.putArray("stop_sequences");
            r.stopSequences().forEach(stops::add);
        }
        if (r.stream()) out.put("stream", true);
        if (r.user() != null) out.putObject("metadata").put("user_id", r.user());
        ThinkingTurns.fitToHistory(out);
        return out;
    }

    private static void system(ChatRequest r, ObjectNode out) {
        List<Block.Text> parts = r.system().stream().filter(t -> !t.isBlank()).toList();
        String schemaHint = responseFormatHint(r.responseFormat());
        if (parts.isEmpty() && schemaHint == null) return;
        boolean plain = parts.stream().allMatch(t -> t.cacheControl() == null);
        if (plain) {
            String text = r.systemText();
            out.put("system", schemaHint == null ? text : text.isEmpty() ? schemaHint : text + "\n\n" + schemaHint);
            return;
        }
        ArrayNode sys = out.putArray("system");
        for (Block.Text t : parts) {
            ObjectNode b = sys.addObject().put("type", "text").put("text", t.text());
            if (t.cacheControl() != null) b.set("cache_control", t.cacheControl());
        }
        if (schemaHint != null) sys.addObject().put("type", "text").put("text", schemaHint);
    }

    /** Anthropic has no `response_format`: the schema becomes an instruction, which Claude follows reliably. */
    private static String responseFormatHint(JsonNode format) {
        if (format == null) return null;
        String type = format.path("type").asString("");
        if (type.equals("json_object")) return "Respond with a single JSON object and nothing else.";
        if (type.equals("json_schema")) {
            return "Respond with a single JSON object, and nothing else, that matches this JSON Schema:\n"
                    + format.path("json_schema").path("schema").toString();
        }
        return null;
    }

    private static ObjectNode block(Block b) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        switch (b) {
            case Block.Text t -> {
                if (t.isBlank()) return null; // field notes 11
                o.put("type", "text").put("text", t.text());
                if (t.cacheControl() != null) o.set("cache_control", t.cacheControl());
            }
            case Block.Image i -> {
                o.put("type", "image");
                ObjectNode source = o.putObject("source");
                if (i.isUrl()) source.put("type", "url").put("url", i.url());
                else source.put("type", "base64").put("media_type", i.mediaType()).put("data", i.data());
            }
            case Block.ToolUse u -> {
                o.put("type", "tool_use").put("id", ToolIds.shared().toTarget(u.id(), ToolIds.Rule.ANTHROPIC)).put("name", u.name());
                o.set("input", u.input() != null && u.input().isObject() ? u.input() : Json.MAPPER.createObjectNode());
            }
            case Block.ToolResult r -> {
                o.put("type", "tool_result").put("tool_use_id", ToolIds.shared().toTarget(r.toolUseId(), ToolIds.Rule.ANTHROPIC));
                ArrayNode content = Json.MAPPER.createArrayNode();
                for (Block part : r.content()) {
                    ObjectNode p = block(part);
                    if (p != null) content.add(p);
                }
                if (!content.isEmpty()) o.set("content", content);
                if (r.isError()) o.put("is_error", true);
            }
            case Block.Thinking t -> {
                if (!ThinkingOrigin.isAnthropic(t.signature())) return null; // never replay unverifiable thinking (field notes 13)
                o.put("type", "thinking").put("thinking", t.text()).put("signature", t.signature());
            }
            case Block.RedactedThinking r -> o.put("type", "redacted_thinking").put("data", r.data());
        }
        return o;
    }

    private static void tools(ChatRequest r, ObjectNode out) {
        if (r.tools().isEmpty()) return;
        out.set("tools", SharedValues.shared().derive(r.tools(), "anthropic tools", AnthropicRequestEncoder::toolArray));
        ToolChoice choice = r.toolChoice();
        if (choice == null && r.parallelToolCalls() == null) return;
        ObjectNode tc = out.putObject("tool_choice");
        switch (choice == null ? ToolChoice.AUTO : choice) {
            case ToolChoice.Auto a -> tc.put("type", "auto");
            case ToolChoice.Any a -> tc.put("type", "any");
            case ToolChoice.None n -> tc.put("type", "none");
            case ToolChoice.Named n -> tc.put("type", "tool").put("name", n.name());
        }
        if (Boolean.FALSE.equals(r.parallelToolCalls()) && !(choice instanceof ToolChoice.None)) tc.put("disable_parallel_tool_use", true);
    }

    /**
     * A copy of an Anthropic body without thinking blocks Anthropic did not sign (Baton's translated reasoning), or
     * the body itself when it has none, which is the common case and costs one scan.
     */
    static ObjectNode withoutForeignThinking(ObjectNode body) {
        return ThinkingTurns.without(body, AnthropicRequestEncoder::isForeignThinking);
    }

    /** The tools in Anthropic's form (shared by the turns that send the same tools: copy before changing). */
    private static ArrayNode toolArray(List<Tool> given) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (Tool t : given) {
            if (t.isServerTool()) {
                tools.add(t.raw().deepCopy());
                continue;
            }
            ObjectNode o = tools.addObject().put("name", t.name());
            if (t.description() != null) o.put("description", t.description());
            o.set("input_schema", t.inputSchema() != null ? t.inputSchema() : Json.MAPPER.createObjectNode().put("type", "object"));
            if (t.cacheControl() != null) o.set("cache_control", t.cacheControl());
        }
        return tools;
    }

    /**
     * Whether an Anthropic caller's body can go to Anthropic as its bytes came ({@link CallerBody#withModel}): it
     * came as bytes and holds no thinking Anthropic did not sign. Bodies without any thinking block, the common case,
     * are told by the scan that located their fields ({@link #WATCHED}), without building their tree.
     */
    public static boolean passesAsSent(CallerBody body) {
        JsonFields fields = body.fields();
        if (body.wire() != Wire.ANTHROPIC || fields == null || fields.duplicateKeys()) return false;
        if (!fields.mayHold("messages")) return true; // no block can be of type "thinking"
        return !ThinkingTurns.any(body.raw(), AnthropicRequestEncoder::isForeignThinking);
    }

    private static boolean isForeignThinking(JsonNode b) {
        return b.path("type").asString("").equals("thinking") && !ThinkingOrigin.isAnthropic(b.path("signature").asString(null));
    }
}
