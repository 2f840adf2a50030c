package dev.baton.usage;

import java.util.Map;

/**
 * What one model costs and how much it takes, as an entry of LiteLLM's `model_prices_and_context_window.json`
 * (USD per token). Prices left out of an entry fall back sensibly: a 1-hour cache write to the 5-minute price, a cache
 * write or read to the input price; prices "above 200k tokens" apply to the whole request once its input exceeds
 * 200,000 tokens, as Anthropic and Google bill long contexts.
 *
 * @param name             the table entry it came from, or the model id for an unknown model
 * @param known            false for a model the table does not list (all prices zero)
 * @param maxInputTokens   the context window, or null when unknown
 * @param maxOutputTokens  the most a response may have, or null when unknown
 */
public record ModelInfo(
        String name,
        boolean known,
        String provider,
        double inputCostPerToken,
        double outputCostPerToken,
        Double cacheWriteCostPerToken,
        Double cacheWrite1hCostPerToken,
        Double cacheReadCostPerToken,
        Tier above200k,
        Integer maxInputTokens,
        Integer maxOutputTokens) {

    /** Long-context prices (LiteLLM's `*_above_200k_tokens`); null fields fall back as the base prices do. */
    public record Tier(double inputCostPerToken, double outputCostPerToken, Double cacheWriteCostPerToken, Double cacheReadCostPerToken) {
    }

    static final long LONG_CONTEXT_THRESHOLD = 200_000;

    public static ModelInfo unknown(String model) {
        return new ModelInfo(model, false, null, 0, 0, null, null, null, null, null, null);
    }

    /** An entry of the LiteLLM JSON, its values as parsed by Jackson (numbers, or numbers written as strings). */
    static ModelInfo fromLiteLlm(String name, Map<String, Object> e) {
        Tier tier = null;
        Double aboveIn = number(e.get("input_cost_per_token_above_200k_tokens"));
        if (aboveIn != null) {
            Double aboveOut = number(e.get("output_cost_per_token_above_200k_tokens"));
            tier = new Tier(aboveIn, aboveOut == null ? number(e.get("output_cost_per_token"), 0) : aboveOut,
                    number(e.get("cache_creation_input_token_cost_above_200k_tokens")),
                    number(e.get("cache_read_input_token_cost_above_200k_tokens")));
        }
        Integer maxOut = integer(e.get("max_output_tokens"));
        if (maxOut == null) maxOut = integer(e.get("max_tokens"));
        return new ModelInfo(name, true, e.get("litellm_provider") == null ? null : String.valueOf(e.get("litellm_provider")),
                number(e.get("input_cost_per_token"), 0), number(e.get("output_cost_per_token"), 0),
                number(e.get("cache_creation_input_token_cost")), number(e.get("cache_creation_input_token_cost_above_1hr")),
                number(e.get("cache_read_input_token_cost")), tier, integer(e.get("max_input_tokens")), maxOut);
    }

    /** This entry with a deployment's own values (`input_cost_per_token`, `max_input_tokens`, ...) laid over it. */
    ModelInfo withOverrides(Map<String, Object> o) {
        if (o.isEmpty()) return this;
        Integer maxOut = integer(o.get("max_output_tokens"));
        if (maxOut == null) maxOut = integer(o.get("max_tokens"));
        return new ModelInfo(name, true, provider,
                number(o.get("input_cost_per_token"), inputCostPerToken),
                number(o.get("output_cost_per_token"), outputCostPerToken),
                or(number(o.get("cache_creation_input_token_cost")), cacheWriteCostPerToken),
                or(number(o.get("cache_creation_input_token_cost_above_1hr")), cacheWrite1hCostPerToken),
                or(number(o.get("cache_read_input_token_cost")), cacheReadCostPerToken),
                above200k,
                or(integer(o.get("max_input_tokens")), maxInputTokens),
                or(maxOut, maxOutputTokens));
    }

    static boolean overridesAnything(Map<String, Object> o) {
        for (String k : new String[] {"input_cost_per_token", "output_cost_per_token", "cache_creation_input_token_cost",
                "cache_creation_input_token_cost_above_1hr", "cache_read_input_token_cost", "max_input_tokens",
                "max_output_tokens", "max_tokens"}) {
            if (o.get(k) != null) return true;
        }
        return false;
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    private static double number(Object v, double fallback) {
        Double d = number(v);
        return d == null ? fallback : d;
    }

    /** YAML 1.1 reads `3e-6` as text, so numbers may arrive as strings. */
    static Double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Integer integer(Object v) {
        Double d = number(v);
        return d == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.round(d));
    }
}
