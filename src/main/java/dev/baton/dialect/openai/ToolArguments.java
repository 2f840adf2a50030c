package dev.baton.dialect.openai;

import dev.baton.canonical.Tool;
import dev.baton.dialect.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool call's `arguments` string as an input object. Chat Completions carries arguments as a JSON string that
 * servers assemble from model output; some send it late, empty or broken (field notes 10). Baton never repairs or
 * invents arguments: invalid JSON is refused, and an empty string counts as `{}` only for a tool that requires nothing.
 */
public final class ToolArguments {
    private final Set<String> needArguments;

    private ToolArguments(Set<String> needArguments) {
        this.needArguments = needArguments;
    }

    /** Knows which of these tools require arguments (their schema lists `required` properties). */
    public static ToolArguments of(List<Tool> tools) {
        Set<String> need = new HashSet<>();
        for (Tool t : tools) {
            JsonNode required = t.inputSchema() == null ? null : t.inputSchema().get("required");
            if (required != null && required.isArray() && !required.isEmpty()) need.add(t.name());
        }
        return new ToolArguments(Set.copyOf(need));
    }

    /** For clients' own history: whatever they sent, an empty string being `{}`. */
    public static ToolArguments lenient() {
        return new ToolArguments(Set.of());
    }

    /** The input object, or null when the arguments are not acceptable for this tool. */
    public ObjectNode parse(String toolName, String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return needArguments.contains(toolName) ? null : Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(arguments);
            return n instanceof ObjectNode o ? o : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
