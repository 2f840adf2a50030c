package dev.baton.canonical;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call.
 *
 * @param name         its name
 * @param description  what it does, or null
 * @param inputSchema  JSON Schema of its input (an object schema); null for server tools
 * @param serverType   for tools the provider runs itself (Anthropic's `web_search_20250305`, ...): their `type`;
 *                     null for client tools. Targets that cannot run them drop them (field notes 3).
 * @param raw          the tool as the caller sent it, for same-dialect use of server tools' settings
 * @param cacheControl Anthropic's `cache_control` marker, or null
 */
public record Tool(String name, String description, JsonNode inputSchema, String serverType, ObjectNode raw, JsonNode cacheControl) {

    public static Tool function(String name, String description, JsonNode inputSchema) {
        return new Tool(name, description, inputSchema, null, null, null);
    }

    public boolean isServerTool() {
        return serverType != null;
    }

    /** The names of the client tools among {@code tools}: what a named tool_choice may name on a target without server tools. */
    public static Set<String> clientNames(List<Tool> tools) {
        Set<String> names = new HashSet<>();
        for (Tool t : tools) if (!t.isServerTool()) names.add(t.name());
        return names;
    }
}
