package dev.baton.provider;

import dev.baton.dialect.BillingLine;
import dev.baton.dialect.SharedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a same-dialect body acceptable to one Anthropic-compatible vendor. Everything it does not know to be
 * rejected passes through untouched, so new fields Claude Code sends keep working against Anthropic itself.
 */
final class AnthropicBodyRules {
    private static final Set<String> PLAIN_TOOL_FIELDS = Set.of("name", "description", "input_schema", "cache_control");
    /** Anthropic's smallest thinking budget. */
    private static final int MIN_THINKING_BUDGET = 1024;

    private AnthropicBodyRules() {
    }

    /** Splits a comma-separated `anthropic-beta` header into the flags the vendor takes. */
    static List<String> allowedBetas(String header, AnthropicVendor vendor) {
        List<String> kept = new ArrayList<>();
        if (header == null) return kept;
        for (String beta : header.split(",")) {
            String b = beta.trim();
            if (!b.isEmpty() && vendor.allows(b)) kept.add(b);
        }
        return kept;
    }

    /** Whether the vendor takes every body as it is (Anthropic itself), so {@link #adapt} never changes one. */
    static boolean takesEverything(AnthropicVendor vendor) {
        return vendor.allBetas() && !vendor.plainToolsOnly();
    }

    /**
     * Returns the body to send: the caller's own when nothing must change, else a copy with some top-level fields
     * replaced or removed. Nothing below the top level is changed in place: the caller's values may be shared with
     * other requests ({@link SharedValues}), and the vendor's form of a session's tools is made once and shared too.
     */
    static ObjectNode adapt(ObjectNode body, AnthropicVendor vendor, List<String> sentBetas) {
        if (takesEverything(vendor)) return body;
        ObjectNode copy = null;
        for (Map.Entry<String, List<String>> gate : AnthropicVendor.GATED_FIELDS.entrySet()) {
            if (sentBetas.stream().anyMatch(b -> b.startsWith(gate.getKey()))) continue;
            for (String field : gate.getValue()) {
                if (body.has(field)) {
                    if (copy == null) copy = SharedValues.topLevelCopy(body);
                    copy.remove(field);
                }
            }
        }
        if (body.get("tools") instanceof ArrayNode tools) {
            Set<String> gated = new TreeSet<>();
            for (Map.Entry<String, List<String>> gate : AnthropicVendor.GATED_TOOL_FIELDS.entrySet()) {
                if (sentBetas.stream().noneMatch(b -> b.startsWith(gate.getKey()))) gated.addAll(gate.getValue());
            }
            boolean plain = vendor.plainToolsOnly();
            if (needsToolRewrite(tools, gated, plain)) {
                if (copy == null) copy = SharedValues.topLevelCopy(body);
                String what = "anthropic tools without " + gated + (plain ? ", plain" : "");
                ArrayNode kept = SharedValues.shared().derive(tools, what, t -> rewriteTools(t, gated, plain));
                dropToolsOrChoice(copy, tools, kept);
            }
        }
        if (!vendor.billingLine() && holdsBillingLine(body.get("system"))) {
            if (copy == null) copy = SharedValues.topLevelCopy(body);
            withoutBillingLine(copy);
        }
        return copy == null ? body : copy;
    }

    private static boolean holdsBillingLine(JsonNode system) {
        if (system == null) return false;
        if (system.isString()) return BillingLine.in(system.asString());
        for (JsonNode block : system) if (BillingLine.in(block.path("text").asString(null))) return true;
        return false;
    }

    /** Claude Code's billing line out of the system prompt; a block left blank goes too (a text block may not be empty). */
    private static void withoutBillingLine(ObjectNode body) {
        JsonNode system = body.get("system");
        if (system.isString()) {
            String kept = BillingLine.without(system.asString());
            if (kept.isBlank()) body.remove("system");
            else body.put("system", kept);
            return;
        }
        ArrayNode kept = body.arrayNode();
        for (JsonNode block : system) {
            String text = block.path("text").asString(null);
            if (!BillingLine.in(text)) {
                kept.add(block);
                continue;
            }
            String rest = BillingLine.without(text);
            if (!rest.isBlank()) kept.add(((ObjectNode) block).deepCopy().put("text", rest)); // the caller's block may be shared
        }
        if (kept.isEmpty()) body.remove("system");
        else body.set("system", kept);
    }

    /**
     * Lowers `max_tokens` from {@code requested} to {@code limit}, and a thinking budget in proportion: Anthropic's
     * grammar wants budget_tokens below max_tokens and at least 1,024, so thinking that no longer fits is turned off.
     * Claude Code's 31,999 of 32,000 becomes 8,191 of 8,192.
     */
    static void limitOutput(ObjectNode body, int requested, int limit) {
        body.put("max_tokens", limit);
        if (!(body.get("thinking") instanceof ObjectNode thinking) || !thinking.path("budget_tokens").isIntegralNumber()) return;
        long budget = thinking.get("budget_tokens").asLong();
        if (budget < limit) return;
        long scaled = Math.min(limit - 1L, budget * limit / Math.max(1, requested));
        if (scaled < MIN_THINKING_BUDGET) body.remove("thinking");
        else body.set("thinking", thinking.deepCopy().put("budget_tokens", (int) scaled));
    }

    /** Whether a tool has a field the vendor refuses: a gated one, or (plain tools only) any beyond the plain ones. */
    private static boolean needsToolRewrite(ArrayNode tools, Set<String> gated, boolean plain) {
        for (JsonNode tool : tools) {
            for (String name : tool.propertyNames()) {
                if (gated.contains(name) || plain && !PLAIN_TOOL_FIELDS.contains(name)) return true;
            }
        }
        return false;
    }

    /**
     * The tools without the {@code gated} fields; for a vendor of plain tools only, client tools with their plain
     * fields and no server tools. New nodes: the caller's tools are not changed.
     */
    private static ArrayNode rewriteTools(ArrayNode tools, Set<String> gated, boolean plain) {
        ArrayNode kept = tools.arrayNode();
        for (JsonNode tool : tools) {
            if (plain && !isClientTool(tool)) continue;
            if (!tool.isObject()) { // not a tool at all: the vendor's error to give, as before
                kept.add(tool);
                continue;
            }
            ObjectNode out = kept.addObject();
            for (Map.Entry<String, JsonNode> field : tool.properties()) {
                String name = field.getKey();
                if (!gated.contains(name) && (!plain || PLAIN_TOOL_FIELDS.contains(name))) out.set(name, field.getValue());
            }
        }
        return kept;
    }

    private static boolean isClientTool(JsonNode tool) {
        return tool.path("type").asString("custom").equals("custom") && tool.has("input_schema");
    }

    /** Sets the kept tools; a tool_choice that names a dropped tool goes, and with no tool left, tools and tool_choice. */
    private static void dropToolsOrChoice(ObjectNode body, ArrayNode tools, ArrayNode kept) {
        JsonNode choice = body.get("tool_choice");
        if (choice != null && "tool".equals(choice.path("type").asString(""))) {
            String named = choice.path("name").asString("");
            if (holdsTool(tools, named) && !holdsTool(kept, named)) body.remove("tool_choice");
        }
        if (kept.isEmpty()) {
            body.remove("tools");
            body.remove("tool_choice");
        } else {
            body.set("tools", kept);
        }
    }

    private static boolean holdsTool(ArrayNode tools, String name) {
        for (JsonNode tool : tools) if (name.equals(tool.path("name").asString(""))) return true;
        return false;
    }
}
