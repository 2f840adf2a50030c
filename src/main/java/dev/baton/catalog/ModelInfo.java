package dev.baton.catalog;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What one model costs, how much it takes and what it can do, as the catalog answers for a deployment: the fields of
 * LiteLLM's `model_prices_and_context_window.json` (USD per token). Prices left out fall back sensibly: a 1-hour cache
 * write to the 5-minute price, a cache write or read to the input price; prices "above 200k tokens" apply to the whole
 * request once its input exceeds 200,000 tokens, as Anthropic and Google bill long contexts.
 *
 * @param model           the model id asked about
 * @param entry           the catalog entry it matched, or null when none did
 * @param known           its prices are known (else every price is zero and requests count as free)
 * @param provider        LiteLLM's `litellm_provider`, or null
 * @param maxInputTokens  the context window (`max_input_tokens`), or null when unknown
 * @param maxOutputTokens the most one response may have (`max_output_tokens`, else `max_tokens`), or null when unknown
 * @param capabilities    LiteLLM's `supports_*` flags without the prefix (`reasoning` → true); absent when unknown
 * @param sources         for each LiteLLM key that has a value, where it came from ({@link ModelCatalog} names them)
 */
public record ModelInfo(
        String model,
        String entry,
        boolean known,
        String provider,
        double inputCostPerToken,
        double outputCostPerToken,
        Double cacheWriteCostPerToken,
        Double cacheWrite1hCostPerToken,
        Double cacheReadCostPerToken,
        Tier above200k,
        Integer maxInputTokens,
        Integer maxOutputTokens,
        Map<String, Boolean> capabilities,
        Map<String, String> sources) {

    /** Long-context prices (LiteLLM's `*_above_200k_tokens`); null fields fall back as the base prices do. */
    public record Tier(double inputCostPerToken, double outputCostPerToken, Double cacheWriteCostPerToken, Double cacheReadCostPerToken) {
    }

    public static final long LONG_CONTEXT_THRESHOLD = 200_000;
    private static final String SUPPORTS = "supports_";
    private static final double MILLION = 1_000_000;

    public ModelInfo {
        capabilities = Map.copyOf(capabilities);
        sources = Map.copyOf(sources);
    }

    /** A model nobody knows anything about. */
    public static ModelInfo unknown(String model) {
        return new ModelInfo(model, null, false, null, 0, 0, null, null, null, null, null, null, Map.of(), Map.of());
    }

    /** An entry in LiteLLM's format, its values as parsed by Jackson or YAML (numbers, or numbers written as text). */
    static ModelInfo fromLiteLlm(String model, String entry, Map<String, Object> e, Map<String, String> sources) {
        Tier tier = null;
        Double aboveIn = Numbers.decimal(e.get("input_cost_per_token_above_200k_tokens"));
        if (aboveIn != null) {
            Double aboveOut = Numbers.decimal(e.get("output_cost_per_token_above_200k_tokens"));
            tier = new Tier(aboveIn, aboveOut == null ? number(e.get("output_cost_per_token"), 0) : aboveOut,
                    Numbers.decimal(e.get("cache_creation_input_token_cost_above_200k_tokens")),
                    Numbers.decimal(e.get("cache_read_input_token_cost_above_200k_tokens")));
        }
        Integer maxOut = Numbers.whole(e.get("max_output_tokens"));
        if (maxOut == null) maxOut = Numbers.whole(e.get("max_tokens"));
        Map<String, Boolean> capabilities = new LinkedHashMap<>();
        e.forEach((k, v) -> {
            Boolean flag = Numbers.flag(v);
            if (k.startsWith(SUPPORTS) && flag != null) capabilities.put(k.substring(SUPPORTS.length()), flag);
        });
        boolean priced = Numbers.decimal(e.get("input_cost_per_token")) != null || Numbers.decimal(e.get("output_cost_per_token")) != null;
        Object provider = e.get("litellm_provider");
        return new ModelInfo(model, entry, priced, provider == null ? null : String.valueOf(provider),
                number(e.get("input_cost_per_token"), 0), number(e.get("output_cost_per_token"), 0),
                Numbers.decimal(e.get("cache_creation_input_token_cost")), Numbers.decimal(e.get("cache_creation_input_token_cost_above_1hr")),
                Numbers.decimal(e.get("cache_read_input_token_cost")), tier, Numbers.whole(e.get("max_input_tokens")), maxOut,
                capabilities, sources);
    }

    /** The context window in tokens (input and output together, as the catalog gives it), if known. */
    public OptionalInt contextWindow() {
        return maxInputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxInputTokens);
    }

    /** USD per million input tokens (0 when unknown). */
    public double inputCostPerMillion() {
        return inputCostPerToken * MILLION;
    }

    /** USD per million output tokens (0 when unknown). */
    public double outputCostPerMillion() {
        return outputCostPerToken * MILLION;
    }

    /** USD per million tokens read from the prompt cache; the input price when the model has none of its own. */
    public double cacheReadCostPerMillion() {
        return (cacheReadCostPerToken != null ? cacheReadCostPerToken : inputCostPerToken) * MILLION;
    }

    /** USD per million tokens written to the (5-minute) prompt cache; the input price when the model has none of its own. */
    public double cacheWriteCostPerMillion() {
        return (cacheWriteCostPerToken != null ? cacheWriteCostPerToken : inputCostPerToken) * MILLION;
    }

    /** The catalog says the model can: {@code supports("reasoning")} for `supports_reasoning: true`. */
    public boolean supports(String capability) {
        return Boolean.TRUE.equals(capabilities.get(capability(capability)));
    }

    /** The catalog says the model cannot ({@code false}); a capability nobody mentions is neither supported nor lacking. */
    public boolean lacks(String capability) {
        return Boolean.FALSE.equals(capabilities.get(capability(capability)));
    }

    /** Where a LiteLLM key's value came from (`catalog`, `pricing_file`, `model_info`, ...), or null when it has none. */
    public String source(String key) {
        return sources.get(key);
    }

    private static String capability(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith(SUPPORTS) ? n.substring(SUPPORTS.length()) : n;
    }

    private static double number(Object v, double fallback) {
        Double d = Numbers.decimal(v);
        return d == null ? fallback : d;
    }
}
