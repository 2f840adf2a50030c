package dev.baton.dialect.gemini;

import java.util.List;
import java.util.Locale;

/**
 * How far one Gemini model can think: the range of Gemini's {@code thinkingBudget} parameter, which Gemini answers 400
 * to beyond it. Output limits and context windows are not here but in the model catalog, like every model's.
 *
 * @param id                the model id as configured
 * @param maxThinkingBudget largest {@code thinkingBudget}; 0 when the model cannot think, null when unknown
 */
public record GeminiModel(String id, Integer maxThinkingBudget) {

    /** Longest prefix first; ids carry dates and suffixes ("gemini-2.5-flash-preview-09-2025", "gemini-2.0-flash-001"). */
    private static final List<GeminiModel> KNOWN = List.of(
            new GeminiModel("gemini-2.5-flash-lite", 24_576),
            new GeminiModel("gemini-2.5-flash", 24_576),
            new GeminiModel("gemini-2.5-pro", 32_768),
            new GeminiModel("gemini-3", 32_768),
            new GeminiModel("gemini-2.0-flash", 0),
            new GeminiModel("gemini-1.5-pro", 0),
            new GeminiModel("gemini-1.5-flash", 0));

    /** The model's thinking range; a model Baton does not know gets thinking passed on as asked. */
    public static GeminiModel forId(String model) {
        String id = model.toLowerCase(Locale.ROOT);
        if (id.startsWith("models/")) id = id.substring("models/".length());
        for (GeminiModel m : KNOWN) {
            if (id.startsWith(m.id)) return new GeminiModel(model, m.maxThinkingBudget);
        }
        return new GeminiModel(model, null);
    }

    public boolean canThink() {
        return maxThinkingBudget == null || maxThinkingBudget > 0;
    }
}
