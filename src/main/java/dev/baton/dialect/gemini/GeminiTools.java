package dev.baton.dialect.gemini;

import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.Json;
import dev.baton.dialect.SharedValues;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools and tool choice → Gemini {@code tools} and {@code toolConfig}. Client tools become function declarations with
 * sanitized schemas. Of Anthropic's server tools only web search has a Gemini counterpart ({@code googleSearch}); it is
 * used when it is the only tool, since Gemini cannot mix search grounding with function calling in one request.
 * Server tools that cannot be expressed are removed together with a tool choice naming them (field notes 3).
 */
final class GeminiTools {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiTools.class);

    private GeminiTools() {
    }

    /** Adds {@code tools} and {@code toolConfig} to the body; returns whether function declarations were sent. */
    static boolean encode(List<Tool> tools, ToolChoice choice, ObjectNode body) {
        ArrayNode field = SharedValues.shared().derive(tools, "gemini tools", GeminiTools::field);
        if (field.isEmpty()) return false;
        body.set("tools", field);
        if (!field.get(0).has("functionDeclarations")) return false; // search grounding alone
        ObjectNode config = functionCalling(choice, Tool.clientNames(tools));
        if (config != null) body.putObject("toolConfig").set("functionCallingConfig", config);
        return true;
    }

    /**
     * The {@code tools} field: the client tools' declarations, else search grounding, else nothing (shared by the
     * turns that send the same tools: never modified).
     */
    private static ArrayNode field(List<Tool> tools) {
        ArrayNode field = Json.MAPPER.createArrayNode();
        ArrayNode declarations = Json.MAPPER.createArrayNode();
        boolean webSearch = false;
        for (Tool t : tools) {
            if (t.isServerTool()) {
                webSearch |= t.serverType().startsWith("web_search");
                continue;
            }
            ObjectNode d = declarations.addObject().put("name", t.name());
            if (t.description() != null && !t.description().isBlank()) d.put("description", t.description());
            ObjectNode parameters = GeminiSchema.parameters(t.inputSchema());
            if (parameters != null) d.set("parameters", parameters);
        }
        if (!declarations.isEmpty()) {
            field.addObject().set("functionDeclarations", declarations);
            if (tools.size() > declarations.size()) LOG.debug("Gemini cannot run server tools beside functions; {} removed", tools.size() - declarations.size());
        } else if (webSearch) {
            field.addObject().putObject("googleSearch");
        }
        return field;
    }

    private static ObjectNode functionCalling(ToolChoice choice, Set<String> declared) {
        if (choice == null) return null;
        ObjectNode c = Json.MAPPER.createObjectNode();
        switch (choice) {
            case ToolChoice.Auto a -> c.put("mode", "AUTO");
            case ToolChoice.Any a -> c.put("mode", "ANY");
            case ToolChoice.None n -> c.put("mode", "NONE");
            case ToolChoice.Named n -> {
                if (!declared.contains(n.name())) return null; // it named a server tool that was removed
                c.put("mode", "ANY").putArray("allowedFunctionNames").add(n.name());
            }
        }
        return c;
    }
}
