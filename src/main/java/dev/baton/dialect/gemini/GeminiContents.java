package dev.baton.dialect.gemini;

import dev.baton.canonical.Block;
import dev.baton.canonical.Message;
import dev.baton.canonical.Role;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical messages → Gemini {@code contents}: roles {@code user}/{@code model} strictly alternating, tool results as
 * {@code functionResponse} parts named after their call (field notes 1), images from tool results beside them (4),
 * and each function call's {@code thoughtSignature} re-attached (15).
 */
final class GeminiContents {
    /** Google's documented stand-in for a function call whose signature is unknown (it came from another model). */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private final ToolCallMemory memory;
    private final Map<String, String> toolNames = new HashMap<>();

    private GeminiContents(ToolCallMemory memory) {
        this.memory = memory;
    }

    static ArrayNode encode(List<Message> messages, ToolCallMemory memory) {
        return new GeminiContents(memory).contents(messages);
    }

    private ArrayNode contents(List<Message> messages) {
        for (Message m : messages) {
            for (Block b : m.content()) if (b instanceof Block.ToolUse u) toolNames.put(u.id(), u.name());
        }
        ArrayNode contents = Json.MAPPER.createArrayNode();
        for (Message m : messages) {
            ArrayNode parts = m.role() == Role.ASSISTANT ? modelParts(m.content()) : userParts(m.content());
            if (parts.isEmpty()) continue;
            String role = m.role() == Role.ASSISTANT ? "model" : "user";
            ObjectNode last = contents.isEmpty() ? null : (ObjectNode) contents.get(contents.size() - 1);
            if (last != null && last.get("role").asString().equals(role)) { // Gemini wants turns to alternate
                ((ArrayNode) last.get("parts")).addAll(parts);
                continue;
            }
            if (contents.isEmpty() && role.equals("model")) { // a conversation must open with the user
                contents.addObject().put("role", "user").putArray("parts").addObject().put("text", "Continue.");
            }
            ObjectNode content = contents.addObject().put("role", role);
            content.set("parts", parts);
        }
        return contents;
    }

    /**
     * The model's turn. Reasoning text is not sent back (Gemini keeps its own in the signature); a Gemini signature
     * carried by a thinking block goes on the part after it, where Gemini put it, and a function call's own remembered
     * signature wins. The first call of a turn must have one, so a call from another model gets Google's stand-in.
     */
    private ArrayNode modelParts(List<Block> blocks) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        String pending = null;
        boolean firstCall = true;
        for (Block b : blocks) {
            switch (b) {
                case Block.Thinking t -> {
                    String payload = GeminiSignatures.PROVIDER.equals(ThinkingOrigin.provider(t.signature())) ? ThinkingOrigin.payload(t.signature()) : null;
                    if (payload != null && !payload.isEmpty()) pending = payload;
                }
                case Block.Text t -> {
                    if (t.isBlank()) continue;
                    ObjectNode part = parts.addObject().put("text", t.text());
                    if (pending != null) part.put("thoughtSignature", pending);
                    pending = null;
                }
                case Block.ToolUse u -> {
                    ObjectNode part = parts.addObject();
                    ObjectNode call = part.putObject("functionCall").put("id", u.id()).put("name", u.name());
                    call.set("args", u.input() != null && u.input().isObject() ? u.input() : Json.MAPPER.createObjectNode());
                    String signature = memory.get(GeminiSignatures.KIND, u.id());
                    if (signature == null) signature = pending;
                    if (signature == null && firstCall) signature = SKIP_SIGNATURE;
                    if (signature != null) part.put("thoughtSignature", signature);
                    pending = null;
                    firstCall = false;
                }
                default -> { } // images, tool results and Anthropic's own reasoning have no place in a model turn
            }
        }
        return parts;
    }

    /** The user's turn: function responses first (one per call), then their images, then the rest in order. */
    private ArrayNode userParts(List<Block> blocks) {
        ArrayNode responses = Json.MAPPER.createArrayNode();
        List<ObjectNode> attachments = new ArrayList<>();
        List<ObjectNode> rest = new ArrayList<>();
        for (Block b : blocks) {
            switch (b) {
                case Block.ToolResult r -> {
                    String name = toolNames.get(r.toolUseId());
                    String text = text(r.content());
                    if (name == null) { // its call is not in the conversation (compacted away): keep the words
                        if (!text.isBlank()) rest.add(textPart("Result of tool call " + r.toolUseId() + ":\n" + text));
                    } else {
                        ObjectNode fr = responses.addObject().putObject("functionResponse").put("id", r.toolUseId()).put("name", name);
                        fr.putObject("response").put(r.isError() ? "error" : "output", text);
                    }
                    for (Block part : r.content()) if (part instanceof Block.Image i) attachments.add(image(i));
                }
                case Block.Text t -> {
                    if (!t.isBlank()) rest.add(textPart(t.text()));
                }
                case Block.Image i -> rest.add(image(i));
                default -> { } // model-side blocks in a user turn: nothing Gemini can take
            }
        }
        attachments.forEach(responses::add);
        rest.forEach(responses::add);
        return responses;
    }

    private static String text(List<Block> content) {
        StringBuilder b = new StringBuilder();
        for (Block part : content) {
            if (part instanceof Block.Text t && !t.isBlank()) {
                if (!b.isEmpty()) b.append('\n');
                b.append(t.text());
            }
        }
        return b.toString();
    }

    private static ObjectNode textPart(String text) {
        return Json.MAPPER.createObjectNode().put("text", text);
    }

    /** Inline images as they are; images by URL as {@code fileData} (Baton fetches nothing itself). */
    static ObjectNode image(Block.Image i) {
        ObjectNode part = Json.MAPPER.createObjectNode();
        if (!i.isUrl()) {
            part.putObject("inlineData").put("mimeType", i.mediaType()).put("data", i.data());
            return part;
        }
        ObjectNode file = part.putObject("fileData");
        String mime = mimeFromUrl(i.url());
        if (mime != null) file.put("mimeType", mime);
        file.put("fileUri", i.url());
        return part;
    }

    private static String mimeFromUrl(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        if (path.endsWith(".png")) return "image/png";
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) return "image/jpeg";
        if (path.endsWith(".gif")) return "image/gif";
        if (path.endsWith(".webp")) return "image/webp";
        return null;
    }
}
