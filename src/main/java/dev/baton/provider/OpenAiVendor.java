package dev.baton.provider;

import dev.baton.config.ProviderPrefixes;
import dev.baton.dialect.ToolIds;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one OpenAI-compatible vendor accepts, as data (field notes 5, 6, 16, 18): one row per vendor, with per-model
 * rows for the models that differ. {@link OpenAiBodyRules} applies a row to a request body; nothing else in Baton
 * knows vendor names.
 *
 * @param name              for logs and for the origin of translated thinking (`baton:<name>:`)
 * @param defaultBase       the base URL when `api_base` is not set, or null when it must be set
 * @param keyEnv            environment variables holding the key when `api_key` is not set, first set wins
 * @param maxOutput         the most output tokens a request may ask for, or null when unknown
 * @param contextWindow     input plus output tokens, or null when unknown
 * @param toolIds           the tool-call ids it accepts (Mistral: nine letters or digits)
 * @param toolChoices       the `tool_choice` forms it accepts; others degrade (see {@link OpenAiBodyRules})
 * @param parallelToolCalls it accepts `parallel_tool_calls`
 * @param streamUsage       it accepts `stream_options: {include_usage: true}`
 * @param reasoning         how a request for reasoning is spelled, if at all
 * @param echoReasoning     assistant turns that called tools must carry their `reasoning_content` again (DeepSeek
 *                          thinking mode answers 400 otherwise)
 * @param maxTokensField    `max_tokens` or `max_completion_tokens`
 * @param sampling          it accepts `temperature` and `top_p` (OpenAI's reasoning models do not)
 * @param cacheControl      it honours Anthropic's `cache_control` on content parts (OpenRouter)
 * @param assistantAfterTool a `user` message may not follow `tool` messages directly (Mistral answers
 *                          "Unexpected role 'user' after role 'tool'")
 * @param messageName       it accepts `name` on messages (Groq answers 400 to it)
 * @param jsonSchema        it takes `response_format: {type: json_schema}` (DeepSeek only knows json_object)
 * @param acceptedFields    the only top-level body fields it accepts, or null when it ignores unknown ones
 * @param rejectedFields    top-level body fields it answers 400 to
 * @param models            rows for models that differ from the vendor's defaults; the first match applies
 */
public record OpenAiVendor(
        String name,
        String defaultBase,
        List<String> keyEnv,
        Integer maxOutput,
        Integer contextWindow,
        ToolIds.Rule toolIds,
        Set<ToolChoiceForm> toolChoices,
        boolean parallelToolCalls,
        boolean streamUsage,
        ReasoningParam reasoning,
        boolean echoReasoning,
        String maxTokensField,
        boolean sampling,
        boolean cacheControl,
        boolean assistantAfterTool,
        boolean messageName,
        boolean jsonSchema,
        Set<String> acceptedFields,
        Set<String> rejectedFields,
        List<ModelRow> models) {

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

    /** Per-model differences; null fields keep the vendor's value. `pattern` is matched against the model id's start. */
    public record ModelRow(Pattern pattern, Integer maxOutput, Integer contextWindow, Set<ToolChoiceForm> toolChoices,
                           ReasoningParam reasoning, Boolean sampling) {
        static ModelRow limits(String pattern, int maxOutput, int contextWindow) {
            return new ModelRow(Pattern.compile(pattern), maxOutput, contextWindow, null, null, null);
        }
    }

    static final String MAX_TOKENS = "max_tokens";
    static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
    private static final Set<ToolChoiceForm> ALL_CHOICES = EnumSet.allOf(ToolChoiceForm.class);

    /** A model served by an OpenAI-compatible server Baton knows nothing about (`openai/` with an `api_base`). */
    public static final OpenAiVendor GENERIC = vendor("openai-compatible", null, List.of())
            .build();

    /** api.openai.com. */
    public static final OpenAiVendor OPENAI = vendor("openai", "https://api.openai.com/v1", List.of("OPENAI_API_KEY"))
            .maxTokensField(MAX_COMPLETION_TOKENS).reasoning(ReasoningParam.DROP)
            .models(List.of(
                    // reasoning models: reasoning_effort, and no sampling parameters
                    new ModelRow(Pattern.compile("gpt-5(?!-chat)"), 128_000, 400_000, null, ReasoningParam.EFFORT, false),
                    new ModelRow(Pattern.compile("o[134]"), 100_000, 200_000, null, ReasoningParam.EFFORT, false),
                    ModelRow.limits("gpt-4\\.1", 32_768, 1_047_576),
                    ModelRow.limits("gpt-4o", 16_384, 128_000)))
            .build();

    private static final Map<String, OpenAiVendor> BY_PREFIX = Map.ofEntries(
            Map.entry("openrouter", vendor("openrouter", "https://openrouter.ai/api/v1", List.of("OPENROUTER_API_KEY"))
                    .reasoning(ReasoningParam.OPENROUTER).cacheControl(true).build()),
            Map.entry("deepseek", vendor("deepseek", "https://api.deepseek.com", List.of("DEEPSEEK_API_KEY"))
                    .limits(8192, 131_072) // "valid range of max_tokens is [1, 8192]" (field notes 18)
                    .parallelToolCalls(false).reasoning(ReasoningParam.DEEPSEEK).echoReasoning(true).jsonSchema(false)
                    .models(List.of(
                            new ModelRow(Pattern.compile("deepseek-v4"), 393_216, 1_048_576, null, null, null),
                            // no tool_choice at all (field notes 6)
                            new ModelRow(Pattern.compile("deepseek-reasoner"), 65_536, 131_072, EnumSet.noneOf(ToolChoiceForm.class), null, null),
                            new ModelRow(Pattern.compile("deepseek-chat"), 8192, 131_072, null, ReasoningParam.DROP, null)))
                    .build()),
            Map.entry("github", vendor("github", "https://models.github.ai/inference", List.of("GITHUB_TOKEN"))
                    .reasoning(ReasoningParam.DROP).build()),
            Map.entry("groq", vendor("groq", "https://api.groq.com/openai/v1", List.of("GROQ_API_KEY"))
                    .reasoning(ReasoningParam.DROP).messageName(false)
                    .rejectedFields(Set.of("logprobs", "logit_bias", "top_logprobs")).build()),
            Map.entry("mistral", vendor("mistral", "https://api.mistral.ai/v1", List.of("MISTRAL_API_KEY"))
                    .toolIds(ToolIds.Rule.NINE_ALPHANUMERIC).streamUsage(false).reasoning(ReasoningParam.DROP)
                    .assistantAfterTool(true)
                    .acceptedFields(Set.of("model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop",
                            "random_seed", "metadata", "response_format", "tools", "tool_choice", "presence_penalty",
                            "frequency_penalty", "n", "prediction", "parallel_tool_calls", "prompt_mode", "safe_prompt"))
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

    /** This vendor as it applies to one model: the first matching model row's values replace the vendor's. */
    public OpenAiVendor forModel(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/'); // OpenRouter and GitHub ids carry the publisher: "deepseek/deepseek-chat"
        String bare = slash < 0 ? m : m.substring(slash + 1);
        for (ModelRow row : models) {
            if (row.pattern().matcher(bare).lookingAt()) {
                return new OpenAiVendor(name, defaultBase, keyEnv, or(row.maxOutput(), maxOutput), or(row.contextWindow(), contextWindow),
                        toolIds, or(row.toolChoices(), toolChoices), parallelToolCalls, streamUsage, or(row.reasoning(), reasoning),
                        echoReasoning, maxTokensField, or(row.sampling(), sampling), cacheControl, assistantAfterTool, messageName,
                        jsonSchema, acceptedFields, rejectedFields, List.of());
            }
        }
        return this;
    }

    /** This vendor with limits from the deployment's `model_info` (`max_output_tokens`, `max_input_tokens`), when given. */
    public OpenAiVendor withLimits(Integer maxOutputOverride, Integer contextOverride) {
        if (maxOutputOverride == null && contextOverride == null) return this;
        return new OpenAiVendor(name, defaultBase, keyEnv, or(maxOutputOverride, maxOutput), or(contextOverride, contextWindow), toolIds,
                toolChoices, parallelToolCalls, streamUsage, reasoning, echoReasoning, maxTokensField, sampling, cacheControl,
                assistantAfterTool, messageName, jsonSchema, acceptedFields, rejectedFields, models);
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

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Builder vendor(String name, String defaultBase, List<String> keyEnv) {
        return new Builder(name, defaultBase, keyEnv);
    }

    /** Keeps the table above readable: each row states only where it differs from a plain OpenAI-compatible server. */
    private static final class Builder {
        private final String name;
        private final String defaultBase;
        private final List<String> keyEnv;
        private Integer maxOutput;
        private Integer contextWindow;
        private ToolIds.Rule toolIds = ToolIds.Rule.ANY;
        private Set<ToolChoiceForm> toolChoices = ALL_CHOICES;
        private boolean parallelToolCalls = true;
        private boolean streamUsage = true;
        private ReasoningParam reasoning = ReasoningParam.EFFORT;
        private boolean echoReasoning;
        private String maxTokensField = MAX_TOKENS;
        private boolean cacheControl;
        private boolean assistantAfterTool;
        private boolean messageName = true;
        private boolean jsonSchema = true;
        private Set<String> acceptedFields;
        private Set<String> rejectedFields = Set.of();
        private List<ModelRow> models = List.of();

        Builder(String name, String defaultBase, List<String> keyEnv) {
            this.name = name;
            this.defaultBase = defaultBase;
            this.keyEnv = keyEnv;
        }

        Builder limits(int maxOut, int context) { maxOutput = maxOut; contextWindow = context; return this; }
        Builder toolIds(ToolIds.Rule rule) { toolIds = rule; return this; }
        Builder choices(Set<ToolChoiceForm> forms) { toolChoices = forms; return this; }
        Builder parallelToolCalls(boolean b) { parallelToolCalls = b; return this; }
        Builder streamUsage(boolean b) { streamUsage = b; return this; }
        Builder reasoning(ReasoningParam r) { reasoning = r; return this; }
        Builder echoReasoning(boolean b) { echoReasoning = b; return this; }
        Builder maxTokensField(String f) { maxTokensField = f; return this; }
        Builder cacheControl(boolean b) { cacheControl = b; return this; }
        Builder assistantAfterTool(boolean b) { assistantAfterTool = b; return this; }
        Builder messageName(boolean b) { messageName = b; return this; }
        Builder jsonSchema(boolean b) { jsonSchema = b; return this; }
        Builder acceptedFields(Set<String> f) { acceptedFields = f; return this; }
        Builder rejectedFields(Set<String> f) { rejectedFields = f; return this; }
        Builder models(List<ModelRow> rows) { models = rows; return this; }

        OpenAiVendor build() {
            return new OpenAiVendor(name, defaultBase, keyEnv, maxOutput, contextWindow, toolIds, Set.copyOf(toolChoices),
                    parallelToolCalls, streamUsage, reasoning, echoReasoning, maxTokensField, true, cacheControl, assistantAfterTool,
                    messageName, jsonSchema, acceptedFields, rejectedFields, models);
        }
    }
}
