package dev.baton.provider;

import dev.baton.catalog.ModelInfo;
import dev.baton.config.ProviderPrefixes;
import dev.baton.dialect.ToolIds;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one OpenAI-compatible vendor (a host and its API) accepts, as data (field notes 5, 16): one row per vendor.
 * What a model can take is the model catalog's, whatever host serves it: its limits go to {@link OutputLimit} (field
 * notes 18), its `supports_tool_choice` and `supports_reasoning` to {@link #forModel} (field notes 6), which lays them
 * over the row. {@link OpenAiBodyRules} applies the result to a request body; nothing else in Baton knows vendor names.
 *
 * @param name              for logs and for the origin of translated thinking (`baton:<name>:`)
 * @param defaultBase       the base URL when `api_base` is not set, or null when it must be set
 * @param keyEnv            environment variables holding the key when `api_key` is not set, first set wins
 * @param toolIds           the tool-call ids it accepts (Mistral: nine letters or digits)
 * @param toolChoices       the `tool_choice` forms it accepts; others degrade (see {@link OpenAiBodyRules})
 * @param parallelToolCalls it accepts `parallel_tool_calls`
 * @param streamUsage       it accepts `stream_options: {include_usage: true}`
 * @param reasoning         how a request for reasoning is spelled, if at all
 * @param reasoningModelsOnly reasoning is sent only to models the catalog says reason, and those take no `temperature`
 *                          or `top_p` (OpenAI answers 400 either way); elsewhere only models it says do not reason lose it
 * @param echoReasoning     assistant turns that called tools must carry their `reasoning_content` again (DeepSeek
 *                          thinking mode answers 400 otherwise)
 * @param maxTokensField    `max_tokens` or `max_completion_tokens`
 * @param sampling          it accepts `temperature` and `top_p` (false for OpenAI's reasoning models)
 * @param cacheControl      it honours Anthropic's `cache_control` on content parts (OpenRouter)
 * @param assistantAfterTool a `user` message may not follow `tool` messages directly (Mistral answers
 *                          "Unexpected role 'user' after role 'tool'")
 * @param messageName       it accepts `name` on messages (Groq answers 400 to it)
 * @param jsonSchema        it takes `response_format: {type: json_schema}` (DeepSeek only knows json_object)
 * @param promptCacheKey    it takes `prompt_cache_key`, which routes requests with the same key to the same prompt
 *                          cache (OpenAI, Mistral): a body without one gets the caller's `user`, one per Claude Code
 *                          session (field notes 38)
 * @param acceptedFields    the only top-level body fields it accepts, or null when it ignores unknown ones
 * @param rejectedFields    top-level body fields it answers 400 to
 */
public record OpenAiVendor(
        String name,
        String defaultBase,
        List<String> keyEnv,
        ToolIds.Rule toolIds,
        Set<ToolChoiceForm> toolChoices,
        boolean parallelToolCalls,
        boolean streamUsage,
        ReasoningParam reasoning,
        boolean reasoningModelsOnly,
        boolean echoReasoning,
        String maxTokensField,
        boolean sampling,
        boolean cacheControl,
        boolean assistantAfterTool,
        boolean messageName,
        boolean jsonSchema,
        boolean promptCacheKey,
        Set<String> acceptedFields,
        Set<String> rejectedFields) {

    public enum ToolChoiceForm { AUTO, NONE, REQUIRED, NAMED }

    public enum ReasoningParam {
        /** Not expressed: `reasoning_effort` is removed. */
        DROP,
        /** `reasoning_effort`. */
        EFFORT,
        /** OpenRouter's `reasoning: {effort}`. */
        OPENROUTER,
        /** DeepSeek V4: `thinking: {type: enabled}` plus `reasoning_effort` (high or max). */
        DEEPSEEK
    }

    static final String MAX_TOKENS = "max_tokens";
    static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
    private static final Set<ToolChoiceForm> ALL_CHOICES = EnumSet.allOf(ToolChoiceForm.class);

    /** A model served by an OpenAI-compatible server Baton knows nothing about (`openai/` with an `api_base`). */
    public static final OpenAiVendor GENERIC = vendor("openai-compatible", null, List.of())
            .build();

    /** api.openai.com. */
    public static final OpenAiVendor OPENAI = vendor("openai", "https://api.openai.com/v1", List.of("OPENAI_API_KEY"))
            .maxTokensField(MAX_COMPLETION_TOKENS).reasoningModelsOnly().promptCacheKey()
            .build();

    private static final Map<String, OpenAiVendor> BY_PREFIX = Map.ofEntries(
            Map.entry("openrouter", vendor("openrouter", "https://openrouter.ai/api/v1", List.of("OPENROUTER_API_KEY"))
                    .reasoning(ReasoningParam.OPENROUTER).cacheControl(true).build()),
            Map.entry("deepseek", vendor("deepseek", "https://api.deepseek.com", List.of("DEEPSEEK_API_KEY"))
                    .parallelToolCalls(false).reasoning(ReasoningParam.DEEPSEEK).echoReasoning(true).jsonSchema(false).build()),
            Map.entry("github", vendor("github", "https://models.github.ai/inference", List.of("GITHUB_TOKEN"))
                    .reasoning(ReasoningParam.DROP).build()),
            Map.entry("groq", vendor("groq", "https://api.groq.com/openai/v1", List.of("GROQ_API_KEY"))
                    .reasoning(ReasoningParam.DROP).messageName(false)
                    .rejectedFields(Set.of("logprobs", "logit_bias", "top_logprobs")).build()),
            Map.entry("mistral", vendor("mistral", "https://api.mistral.ai/v1", List.of("MISTRAL_API_KEY"))
                    .toolIds(ToolIds.Rule.NINE_ALPHANUMERIC).streamUsage(false).reasoning(ReasoningParam.DROP)
                    .assistantAfterTool(true).promptCacheKey()
                    .acceptedFields(Set.of("model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop",
                            "random_seed", "metadata", "response_format", "tools", "tool_choice", "presence_penalty",
                            "frequency_penalty", "n", "prediction", "parallel_tool_calls", "prompt_mode", "safe_prompt",
                            "prompt_cache_key"))
                    .build()),
            Map.entry("xai", vendor("xai", "https://api.x.ai/v1", List.of("XAI_API_KEY")).reasoning(ReasoningParam.DROP).build()),
            Map.entry("together_ai", vendor("together_ai", "https://api.together.xyz/v1", List.of("TOGETHERAI_API_KEY", "TOGETHER_API_KEY"))
                    .reasoning(ReasoningParam.DROP).build()),
            Map.entry("ollama", vendor("ollama", "http://127.0.0.1:11434/v1", List.of()).build()),
            Map.entry("ollama_chat", vendor("ollama", "http://127.0.0.1:11434/v1", List.of()).build()),
            Map.entry("hosted_vllm", vendor("vllm", null, List.of("HOSTED_VLLM_API_KEY")).build()),
            Map.entry("lm_studio", vendor("lm_studio", "http://127.0.0.1:1234/v1", List.of("LM_STUDIO_API_KEY"))
                    .choices(EnumSet.of(ToolChoiceForm.AUTO, ToolChoiceForm.NONE, ToolChoiceForm.REQUIRED)).build()));

    /** Hosts whose vendor is known even under the plain `openai/` prefix. */
    private static final Map<String, String> PREFIX_BY_HOST = Map.of(
            "openrouter.ai", "openrouter",
            "api.deepseek.com", "deepseek",
            "models.github.ai", "github",
            "api.groq.com", "groq",
            "api.mistral.ai", "mistral",
            "api.x.ai", "xai",
            "api.together.xyz", "together_ai");

    /** The provider prefixes served by {@link OpenAiUpstream}. */
    public static final Set<String> PREFIXES = ProviderPrefixes.of(ProviderPrefixes.Protocol.OPENAI_COMPATIBLE);

    /** The vendor for a provider prefix and (for `openai/`) the configured base URL. */
    public static OpenAiVendor forProvider(String prefix, String apiBase) {
        OpenAiVendor v = BY_PREFIX.get(prefix);
        if (v != null) return v;
        if (apiBase == null) return OPENAI;
        String host = host(apiBase);
        if (host.equals("api.openai.com")) return OPENAI;
        String known = PREFIX_BY_HOST.get(host);
        return known == null ? GENERIC : BY_PREFIX.get(known);
    }

    public static OpenAiVendor forPrefix(String prefix) {
        return BY_PREFIX.get(prefix);
    }

    /**
     * This vendor as it applies to one model, from what the catalog says the model can do: no `tool_choice` for a model
     * without it (deepseek-reasoner, field notes 6), no reasoning parameters for a model that does not reason
     * (deepseek-chat, gpt-4.1), and on OpenAI no sampling parameters for one that does.
     */
    public OpenAiVendor forModel(ModelInfo model) {
        Set<ToolChoiceForm> choices = model.lacks("tool_choice") ? Set.of() : toolChoices;
        boolean reasons = reasoningModelsOnly ? model.supports("reasoning") : !model.lacks("reasoning");
        ReasoningParam r = reasons ? reasoning : ReasoningParam.DROP;
        boolean takesSampling = sampling && !(reasoningModelsOnly && reasons);
        if (choices.equals(toolChoices) && r == reasoning && takesSampling == sampling) return this;
        return new OpenAiVendor(name, defaultBase, keyEnv, toolIds, choices, parallelToolCalls, streamUsage, r, reasoningModelsOnly,
                echoReasoning, maxTokensField, takesSampling, cacheControl, assistantAfterTool, messageName, jsonSchema, promptCacheKey,
                acceptedFields, rejectedFields);
    }

    public boolean accepts(ToolChoiceForm form) {
        return toolChoices.contains(form);
    }

    /** Whether a top-level body field may be sent. */
    public boolean acceptsField(String field) {
        if (rejectedFields.contains(field)) return false;
        return acceptedFields == null || acceptedFields.contains(field);
    }

    private static String host(String base) {
        try {
            String h = URI.create(base.strip()).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Builder vendor(String name, String defaultBase, List<String> keyEnv) {
        return new Builder(name, defaultBase, keyEnv);
    }

    /** Keeps the table above readable: each row states only where it differs from a plain OpenAI-compatible server. */
    private static final class Builder {
        private final String name;
        private final String defaultBase;
        private final List<String> keyEnv;
        private ToolIds.Rule toolIds = ToolIds.Rule.ANY;
        private Set<ToolChoiceForm> toolChoices = ALL_CHOICES;
        private boolean parallelToolCalls = true;
        private boolean streamUsage = true;
        private ReasoningParam reasoning = ReasoningParam.EFFORT;
        private boolean reasoningModelsOnly;
        private boolean echoReasoning;
        private String maxTokensField = MAX_TOKENS;
        private boolean cacheControl;
        private boolean assistantAfterTool;
        private boolean messageName = true;
        private boolean jsonSchema = true;
        private boolean promptCacheKey;
        private Set<String> acceptedFields;
        private Set<String> rejectedFields = Set.of();

        Builder(String name, String defaultBase, List<String> keyEnv) {
            this.name = name;
            this.defaultBase = defaultBase;
            this.keyEnv = keyEnv;
        }

        Builder toolIds(ToolIds.Rule rule) { toolIds = rule; return this; }
        Builder choices(Set<ToolChoiceForm> forms) { toolChoices = forms; return this; }
        Builder parallelToolCalls(boolean b) { parallelToolCalls = b; return this; }
        Builder streamUsage(boolean b) { streamUsage = b; return this; }
        Builder reasoning(ReasoningParam r) { reasoning = r; return this; }
        Builder reasoningModelsOnly() { reasoningModelsOnly = true; return this; }
        Builder echoReasoning(boolean b) { echoReasoning = b; return this; }
        Builder maxTokensField(String f) { maxTokensField = f; return this; }
        Builder cacheControl(boolean b) { cacheControl = b; return this; }
        Builder assistantAfterTool(boolean b) { assistantAfterTool = b; return this; }
        Builder messageName(boolean b) { messageName = b; return this; }
        Builder jsonSchema(boolean b) { jsonSchema = b; return this; }
        Builder promptCacheKey() { promptCacheKey = true; return this; }
        Builder acceptedFields(Set<String> f) { acceptedFields = f; return this; }
        Builder rejectedFields(Set<String> f) { rejectedFields = f; return this; }

        OpenAiVendor build() {
            return new OpenAiVendor(name, defaultBase, keyEnv, toolIds, Set.copyOf(toolChoices), parallelToolCalls, streamUsage,
                    reasoning, reasoningModelsOnly, echoReasoning, maxTokensField, true, cacheControl, assistantAfterTool, messageName,
                    jsonSchema, promptCacheKey, acceptedFields, rejectedFields);
        }
    }
}
