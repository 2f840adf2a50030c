package dev.baton.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration used when no config file is given: one group per Claude family, served by Anthropic
 * (with ANTHROPIC_API_KEY, else the caller's own credentials), then by Gemini when GEMINI_API_KEY or GOOGLE_API_KEY
 * is set, then by each OpenAI-compatible provider whose key is in the environment ({@link #FALLBACKS}), and
 * optionally a local Ollama model as the last resort of every group.
 */
public final class DefaultConfig {
    public static final String ANTHROPIC_API_BASE = "https://api.anthropic.com";
    public static final String OLLAMA_API_BASE = "http://127.0.0.1:11434";
    /** Group name → Anthropic's alias for the current model of that family. */
    static final Map<String, String> FAMILIES = families();
    /** Group name → the Gemini model standing in for that family. */
    static final Map<String, String> GEMINI_MODELS = Map.of(
            "claude-opus", "gemini-2.5-pro", "claude-sonnet", "gemini-2.5-pro", "claude-haiku", "gemini-2.5-flash");

    /** An OpenAI-compatible provider used as a fallback when its key variable is set; `%s` is the family (opus, ...). */
    record Fallback(String keyVariable, String provider, String model) {
        String modelFor(String group) {
            return model.formatted(group.substring("claude-".length()));
        }
    }

    /** Tried in this order after Anthropic: OpenRouter first because it serves the same Claude model. */
    static final List<Fallback> FALLBACKS = List.of(
            new Fallback("OPENROUTER_API_KEY", "openrouter", "anthropic/claude-%s-4.5"),
            new Fallback("DEEPSEEK_API_KEY", "deepseek", "deepseek-v4-flash"),
            new Fallback("OPENAI_API_KEY", "openai", "gpt-4.1"),
            new Fallback("XAI_API_KEY", "xai", "grok-4"),
            new Fallback("MISTRAL_API_KEY", "mistral", "devstral-medium-latest"),
            new Fallback("GROQ_API_KEY", "groq", "openai/gpt-oss-120b"),
            new Fallback("GITHUB_TOKEN", "github", "openai/gpt-4.1"));

    private DefaultConfig() {
    }

    public static BatonConfig fromEnvironment(Map<String, String> env, Optional<String> ollamaModel) {
        String key = env.get("ANTHROPIC_API_KEY");
        // Without a key, forward the caller's credentials (Claude Pro/Max OAuth) rather than failing.
        Secret apiKey = key == null || key.isEmpty() ? Secret.PASSTHROUGH : Secret.of(key);
        Secret geminiKey = firstKey(env, "GEMINI_API_KEY", "GOOGLE_API_KEY");
        List<Deployment> models = new ArrayList<>();
        FAMILIES.forEach((group, model) -> {
            // "*": Anthropic gets the Claude id the caller asked for (Claude Code's /model choice), the family's
            // current alias when the caller named the group itself.
            models.add(new Deployment(group, "anthropic", "*", ANTHROPIC_API_BASE, apiKey, null, null, null, null, 1,
                    Map.of("default_model", model), Map.of(), "anthropic/" + group, 0));
            int order = 2;
            if (geminiKey != null) {
                String gemini = GEMINI_MODELS.get(group);
                models.add(new Deployment(group, "gemini", gemini, null, geminiKey, null, null, null, null, order++, Map.of(), Map.of(),
                        "gemini/" + gemini + "@" + group, 0));
            }
            for (Fallback f : FALLBACKS) {
                String fallbackKey = env.get(f.keyVariable());
                if (fallbackKey == null || fallbackKey.isBlank()) continue;
                String m = f.modelFor(group);
                models.add(new Deployment(group, f.provider(), m, null, Secret.of(fallbackKey.strip()), null, null, null, null, order++,
                        Map.of(), Map.of(), f.provider() + "/" + m + "@" + group, 0));
            }
            // Ollama speaks the Anthropic Messages API, hence provider anthropic.
            int last = order;
            ollamaModel.filter(m -> !m.isBlank()).ifPresent(m ->
                    models.add(deployment(group, m, OLLAMA_API_BASE, Secret.of("ollama"), last, "ollama/" + m + "@" + group)));
        });
        RouterSettings d = RouterSettings.defaults();
        RouterSettings router = new RouterSettings(d.fallbacks(), d.contextWindowFallbacks(), d.contentPolicyFallbacks(), d.maxFallbacks(),
                d.modelGroupAlias(), d.numRetries(), d.cooldownTime(), d.allowedFails(), d.routingStrategy(), RedisSettings.of(null, null, null, env));
        return new BatonConfig(List.copyOf(models), router, GeneralSettings.withEnvironment(null, null, env),
                Map.of(), BatonSettings.defaults(), null, List.of());
    }

    private static Secret firstKey(Map<String, String> env, String... names) {
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) return Secret.of(v.strip());
        }
        return null;
    }

    private static Map<String, String> families() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("claude-opus", "claude-opus-4-5");
        m.put("claude-sonnet", "claude-sonnet-4-5");
        m.put("claude-haiku", "claude-haiku-4-5");
        return Collections.unmodifiableMap(m);
    }

    private static Deployment deployment(String group, String model, String apiBase, Secret key, int order, String id) {
        return new Deployment(group, "anthropic", model, apiBase, key, null, null, null, null, order, Map.of(), Map.of(), id, 0);
    }
}
