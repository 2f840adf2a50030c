package dev.baton.dialect.gemini;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.dialect.BillingLine;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ChatRequest} → a Gemini {@code generateContent} body. What Gemini cannot take is left out: Claude Code's
 * billing line (field notes 38), prompt-cache markers (Gemini caches implicitly), the parallel-calls switch and the
 * end-user id (no counterpart), stop sequences beyond Gemini's five. The output limit is sent as given: the provider
 * clamps it to the model's before (see {@code provider.OutputLimit}).
 */
public final class GeminiRequestEncoder {
    /** Gemini rejects more than five stop sequences. */
    static final int MAX_STOP_SEQUENCES = 5;
    private final GeminiModel model;
    private final ToolCallMemory memory;

    public GeminiRequestEncoder(GeminiModel model, ToolCallMemory memory) {
        this.model = model;
        this.memory = memory;
    }

    public ObjectNode encode(ChatRequest r) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("contents", GeminiContents.encode(r.messages(), memory));
        List<Block.Text> system = BillingLine.strip(r.system()).stream().filter(t -> !t.isBlank()).toList();
        if (!system.isEmpty()) {
            ArrayNode parts = body.putObject("systemInstruction").putArray("parts");
            system.forEach(t -> parts.addObject().put("text", t.text()));
        }
        boolean functions = GeminiTools.encode(r.tools(), r.toolChoice(), body);
        ObjectNode config = generationConfig(r, functions);
        if (!config.isEmpty()) body.set("generationConfig", config);
        return body;
    }

    private ObjectNode generationConfig(ChatRequest r, boolean functions) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        Integer maxTokens = r.maxTokens();
        if (maxTokens != null) c.put("maxOutputTokens", maxTokens);
        if (r.temperature() != null) c.put("temperature", r.temperature());
        if (r.topP() != null) c.put("topP", r.topP());
        if (r.topK() != null) c.put("topK", r.topK());
        if (!r.stopSequences().isEmpty()) {
            ArrayNode stops = c.putArray("stopSequences");
            r.stopSequences().stream().limit(MAX_STOP_SEQUENCES).forEach(stops::add);
        }
        // Gemini refuses a JSON response type together with function calling; the tools win, as they do for Claude.
        JsonNode format = r.responseFormat();
        if (format != null && !functions) {
            String type = format.path("type").asString("");
            if (type.equals("json_object") || type.equals("json_schema")) c.put("responseMimeType", "application/json");
            JsonNode schema = format.path("json_schema").get("schema");
            if (type.equals("json_schema") && schema != null) c.set("responseSchema", GeminiSchema.sanitize(schema));
        }
        if (r.reasoning() != null && model.canThink()) {
            int budget = r.reasoning().budget();
            if (model.maxThinkingBudget() != null) budget = Math.min(budget, model.maxThinkingBudget());
            if (maxTokens != null && budget >= maxTokens) budget = Math.max(1, maxTokens - 1); // thoughts count as output
            c.putObject("thinkingConfig").put("thinkingBudget", budget).put("includeThoughts", true);
        }
        return c;
    }
}
