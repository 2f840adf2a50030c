package dev.baton.dialect.openai;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Role;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.BillingLine;
import dev.baton.dialect.Json;
import dev.baton.dialect.SharedValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ChatRequest} → an OpenAI Chat Completions body, for any OpenAI-compatible server. Vendor differences are not
 * decided here: the provider's body rules adapt the result (and same-dialect bodies) to one vendor.
 *
 * <p>What Chat Completions cannot express is converted explicitly, never dropped silently: tool results become
 * `role: tool` messages, and images inside them (tool messages take text only) move to a user message right after,
 * announced in both (field notes 4). Thinking travels as `reasoning_content` on the assistant message; the body rules
 * keep it only for vendors that need it back (field notes 16).
 */
public final class OpenAiRequestEncoder {
    /** OpenAI accepts at most four stop sequences. */
    private static final int MAX_STOPS = 4;
    private static final int MAX_USER_LENGTH = 64;

    private OpenAiRequestEncoder() {
    }

    /**
     * @param cacheControl keep Anthropic's `cache_control` markers on text parts (OpenRouter passes them on)
     */
    public static ObjectNode encode(ChatRequest r, boolean cacheControl) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", r.model());
        ArrayNode messages = out.putArray("messages");
        system(BillingLine.strip(r.system()), messages, cacheControl);
        for (Message m : r.messages()) messages.addAll(message(m, cacheControl));
        tools(r, out);
        if (r.maxTokens() != null) out.put("max_tokens", r.maxTokens());
        if (r.temperature() != null) out.put("temperature", r.temperature());
        if (r.topP() != null) out.put("top_p", r.topP());
        if (!r.stopSequences().isEmpty()) {
            ArrayNode stop = out.putArray("stop");
            r.stopSequences().stream().limit(MAX_STOPS).forEach(stop::add);
        }
        if (r.stream()) out.put("stream", true);
        if (r.reasoning() != null) out.put("reasoning_effort", r.reasoning().effortLevel());
        if (r.responseFormat() != null) out.set("response_format", r.responseFormat());
        if (r.user() != null && !r.user().isEmpty()) out.put("user", shortUser(r.user()));
        return out;
    }

    /**
     * The system message, made once for a session: Claude Code's system prompt is 13 KB of text, the same every turn
     * (its billing line, which is not, is gone by now), that would otherwise be joined and escaped again every turn.
     */
    private static void system(List<Block.Text> system, ArrayNode messages, boolean cacheControl) {
        List<Block.Text> parts = system.stream().filter(t -> !t.isBlank()).toList();
        if (parts.isEmpty()) return;
        long size = 0;
        for (Block.Text t : parts) size += t.text().length();
        messages.add(SharedValues.history().byValue(List.of("openai system", cacheControl, parts), size,
                () -> systemMessage(parts, cacheControl)));
    }

    private static ObjectNode systemMessage(List<Block.Text> parts, boolean cacheControl) {
        ObjectNode msg = Json.MAPPER.createObjectNode().put("role", "system");
        if (cacheControl && parts.stream().anyMatch(t -> t.cacheControl() != null)) {
            ArrayNode content = msg.putArray("content");
            for (Block.Text t : parts) textPart(content, t, true);
        } else {
            msg.put("content", String.join("\n\n", parts.stream().map(Block.Text::text).toList()));
        }
        return msg;
    }

    /**
     * One message's Chat Completions messages (none, one, or a user turn's tool messages and what follows them), made
     * once for a message that an earlier turn of the conversation sent too: they depend on its content, role and
     * {@code cacheControl} alone, and are shared read-only ({@link SharedValues#history()}).
     */
    private static List<JsonNode> message(Message m, boolean cacheControl) {
        String what = m.role() == Role.USER ? (cacheControl ? "openai user, cache_control" : "openai user") : "openai assistant";
        return SharedValues.history().derive(m.content(), what, content -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            if (m.role() == Role.USER) user(content, out, cacheControl);
            else assistant(content, out);
            List<JsonNode> parts = new ArrayList<>(out.size());
            out.forEach(parts::add);
            return List.copyOf(parts);
        });
    }

    /** A user turn: its tool results first, as tool messages, then whatever else it says. */
    private static void user(List<Block> blocks, ArrayNode messages, boolean cacheControl) {
        List<Block> rest = new ArrayList<>();
        List<Block> movedImages = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Block.ToolResult r) toolMessage(r, messages, movedImages);
            else if (b instanceof Block.Text || b instanceof Block.Image) rest.add(b);
            // tool calls and thinking in a user turn are not valid in any dialect: nothing to send
        }
        ArrayNode content = Json.MAPPER.createArrayNode();
        for (Block b : movedImages) part(content, b, cacheControl);
        for (Block b : rest) part(content, b, cacheControl);
        if (content.isEmpty()) return;
        ObjectNode msg = messages.addObject().put("role", "user");
        if (onlyPlainText(content)) msg.put("content", joinText(content));
        else msg.set("content", content);
    }

    private static void toolMessage(Block.ToolResult r, ArrayNode messages, List<Block> movedImages) {
        StringBuilder text = new StringBuilder();
        List<Block.Image> images = new ArrayList<>();
        for (Block part : r.content()) {
            if (part instanceof Block.Text t && !t.isBlank()) {
                if (!text.isEmpty()) text.append('\n');
                text.append(t.text());
            } else if (part instanceof Block.Image i) {
                images.add(i);
            }
        }
        if (!images.isEmpty()) {
            if (!text.isEmpty()) text.append('\n');
            text.append("[").append(images.size()).append(images.size() == 1 ? " image" : " images")
                    .append(" from this tool result follow in the next user message]");
            movedImages.add(new Block.Text("[Images returned by tool call " + r.toolUseId() + ":]"));
            movedImages.addAll(images);
        }
        String content = r.isError() ? "Error: " + text : text.toString();
        messages.addObject().put("role", "tool").put("tool_call_id", r.toolUseId()).put("content", content);
    }

    private static void assistant(List<Block> blocks, ArrayNode messages) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Block b : blocks) {
            switch (b) {
                case Block.Text t -> {
                    if (!t.isBlank()) text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
                }
                case Block.Thinking t -> {
                    if (t.text() != null) reasoning.append(t.text());
                }
                case Block.ToolUse u -> {
                    ObjectNode call = calls.addObject().put("id", u.id()).put("type", "function");
                    JsonNode input = u.input() != null && u.input().isObject() ? u.input() : Json.MAPPER.createObjectNode();
                    call.putObject("function").put("name", u.name()).put("arguments", input.toString());
                }
                default -> { } // redacted thinking only Anthropic can read; images and results do not belong here
            }
        }
        if (text.isEmpty() && calls.isEmpty()) return; // nothing a Chat Completions server could take
        ObjectNode msg = messages.addObject().put("role", "assistant");
        if (text.isEmpty()) msg.putNull("content");
        else msg.put("content", text.toString());
        if (!calls.isEmpty()) msg.set("tool_calls", calls);
        if (!reasoning.toString().isBlank()) msg.put("reasoning_content", reasoning.toString());
    }

    private static void part(ArrayNode content, Block b, boolean cacheControl) {
        if (b instanceof Block.Text t) {
            if (!t.isBlank()) textPart(content, t, cacheControl);
        } else if (b instanceof Block.Image i) {
            String url = i.isUrl() ? i.url() : "data:" + i.mediaType() + ";base64," + i.data();
            content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        }
    }

    private static void textPart(ArrayNode content, Block.Text t, boolean cacheControl) {
        ObjectNode p = content.addObject().put("type", "text").put("text", t.text());
        if (cacheControl && t.cacheControl() != null) p.set("cache_control", t.cacheControl());
    }

    private static boolean onlyPlainText(ArrayNode content) {
        for (JsonNode p : content) {
            if (!"text".equals(p.path("type").asString("")) || p.has("cache_control")) return false;
        }
        return true;
    }

    private static String joinText(ArrayNode content) {
        List<String> texts = new ArrayList<>();
        for (JsonNode p : content) texts.add(p.path("text").asString(""));
        return String.join("\n\n", texts);
    }

    /** Client tools as functions; server tools (web_search, ...) have no Chat Completions form and go, with a tool_choice naming them (field notes 3). */
    private static void tools(ChatRequest r, ObjectNode out) {
        ArrayNode tools = SharedValues.shared().derive(r.tools(), "openai tools", OpenAiRequestEncoder::functions);
        if (tools.isEmpty()) return; // tool_choice and parallel_tool_calls are only allowed with tools
        out.set("tools", tools);
        ToolChoice choice = r.toolChoice();
        if (choice instanceof ToolChoice.Named n && !Tool.clientNames(r.tools()).contains(n.name())) choice = null;
        switch (choice) {
            case null -> { }
            case ToolChoice.Auto a -> out.put("tool_choice", "auto");
            case ToolChoice.Any a -> out.put("tool_choice", "required");
            case ToolChoice.None n -> out.put("tool_choice", "none");
            case ToolChoice.Named n -> out.putObject("tool_choice").put("type", "function").putObject("function").put("name", n.name());
        }
        if (Boolean.FALSE.equals(r.parallelToolCalls())) out.put("parallel_tool_calls", false);
    }

    /** The client tools as Chat Completions functions (shared by the turns that send the same tools: never modified). */
    private static ArrayNode functions(List<Tool> given) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (Tool t : given) {
            if (t.isServerTool()) continue;
            ObjectNode fn = tools.addObject().put("type", "function").putObject("function").put("name", t.name());
            if (t.description() != null) fn.put("description", t.description());
            fn.set("parameters", t.inputSchema() != null ? t.inputSchema() : Json.MAPPER.createObjectNode().put("type", "object"));
        }
        return tools;
    }

    /** Claude Code's user ids are long; OpenAI limits `user`, so long ones are sent as their hash. */
    private static String shortUser(String user) {
        if (user.length() <= MAX_USER_LENGTH) return user;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
