package dev.baton.dialect.gemini;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one Gemini model takes, as data (field notes 18): its largest output, its context window, and how far it can
 * think. Claude Code asks for 32,000 output tokens and more; Gemini answers 400 to more than a model allows.
 *
 * @param id                the model id as configured
 * @param maxOutputTokens   largest {@code maxOutputTokens}
 * @param contextWindow     input and output together
 * @param maxThinkingBudget largest {@code thinkingBudget}; 0 when the model cannot think, null when unknown
 */
public record GeminiModel(String id, int maxOutputTokens, int contextWindow, Integer maxThinkingBudget) {
    private static final int MILLION = 1_048_576;

    /** Longest prefix first; ids carry dates and suffixes ("gemini-2.5-flash-preview-09-2025", "gemini-2.0-flash-001"). */
    private static final List<GeminiModel> KNOWN = List.of(
            new GeminiModel("gemini-2.5-flash-lite", 65_536, MILLION, 24_576),
            new GeminiModel("gemini-2.5-flash", 65_536, MILLION, 24_576),
            new GeminiModel("gemini-2.5-pro", 65_536, MILLION, 32_768),
            new GeminiModel("gemini-3", 65_536, MILLION, 32_768),
            new GeminiModel("gemini-2.0-flash", 8_192, MILLION, 0),
            new GeminiModel("gemini-1.5-pro", 8_192, 2 * MILLION, 0),
            new GeminiModel("gemini-1.5-flash", 8_192, MILLION, 0));

    /** A model Baton does not know: Gemini's smallest common output limit, and thinking passed on as asked. */
    private static final GeminiModel UNKNOWN = new GeminiModel("", 8_192, MILLION, null);

    public static GeminiModel forId(String model) {
        String id = model.toLowerCase(Locale.ROOT);
        if (id.startsWith("models/")) id = id.substring("models/".length());
        for (GeminiModel m : KNOWN) {
            if (id.startsWith(m.id)) return new GeminiModel(model, m.maxOutputTokens, m.contextWindow, m.maxThinkingBudget);
        }
        return new GeminiModel(model, UNKNOWN.maxOutputTokens, UNKNOWN.contextWindow, UNKNOWN.maxThinkingBudget);
    }

    /** The model's limits, with a deployment's {@code model_info.max_output_tokens} / {@code max_input_tokens} winning. */
    public static GeminiModel forId(String model, Map<String, Object> modelInfo) {
        GeminiModel m = forId(model);
        Integer maxOut = number(modelInfo.get("max_output_tokens"));
        Integer maxIn = number(modelInfo.get("max_input_tokens"));
        return new GeminiModel(model, maxOut != null ? maxOut : m.maxOutputTokens,
                maxIn != null ? maxIn : m.contextWindow, m.maxThinkingBudget);
    }

    public boolean canThink() {
        return maxThinkingBudget == null || maxThinkingBudget > 0;
    }

    /**
     * {@code min(requested, model max output, context window - input estimate)}, at least 1; null when the caller did
     * not ask and the model's own default fits.
     */
    public Integer clampOutput(Integer requested, long inputEstimate) {
        long room = Math.max(1, contextWindow - inputEstimate);
        long limit = Math.min(maxOutputTokens, room);
        if (requested == null) return room < maxOutputTokens ? (int) room : null;
        return (int) Math.max(1, Math.min(requested, limit));
    }

    private static Integer number(Object v) {
        if (v instanceof Number n) return n.intValue();
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
