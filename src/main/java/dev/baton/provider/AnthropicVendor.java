package dev.baton.provider;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one Anthropic-compatible endpoint accepts, as data (field notes 7 and 19): which `anthropic-beta` flags it
 * takes, whether it knows count_tokens, and whether tool definitions must be normalised to plain client tools.
 *
 * @param name          for logs
 * @param allBetas      every beta flag passes (Anthropic itself, or an unknown proxy in front of it)
 * @param allowedBetas  otherwise, the flags that pass (prefix match, since flags carry dates)
 * @param countTokens   answers `/v1/messages/count_tokens`
 * @param plainToolsOnly tool definitions are reduced to name/description/input_schema(/cache_control); server tools
 *                      such as web_search are removed together with a tool_choice naming them
 * @param limitsOutput  `max_tokens` is clamped to the model's figures in the catalog (field notes 18): a host of other
 *                      vendors' models, which refuses Claude Code's 32,000 (DeepSeek's allow 8,192). Anthropic's own
 *                      hosts and unknown ones (a proxy in front of Anthropic) get the caller's value
 * @param billingLine   Claude Code's `x-anthropic-billing-header` system line goes through. A host of other vendors'
 *                      models gets the system prompt without it: its hash changes every request, and sitting first in
 *                      the prompt it defeats the host's prefix cache on every turn (field notes 38)
 */
public record AnthropicVendor(String name, boolean allBetas, Set<String> allowedBetas, boolean countTokens, boolean plainToolsOnly,
                              boolean limitsOutput, boolean billingLine) {

    public static final AnthropicVendor ANTHROPIC = new AnthropicVendor("anthropic", true, Set.of(), true, false, false, true);
    /** An endpoint Baton does not know: assume it is Anthropic or a proxy in front of it. */
    public static final AnthropicVendor UNKNOWN = new AnthropicVendor("anthropic-compatible", true, Set.of(), true, false, false, true);

    private static final Map<String, AnthropicVendor> BY_HOST = Map.of(
            "api.deepseek.com", otherModels("deepseek"),
            "api.z.ai", otherModels("z.ai"),
            "open.bigmodel.cn", otherModels("z.ai"),
            "api.moonshot.ai", otherModels("moonshot"),
            "api.moonshot.cn", otherModels("moonshot"),
            "api.minimax.io", otherModels("minimax"));

    /** Body fields that exist only under a beta flag: dropped when the flag cannot be sent (field notes 19). */
    public static final Map<String, List<String>> GATED_FIELDS = Map.of(
            "context-management-", List.of("context_management"),
            "effort-", List.of("output_config"),
            "structured-outputs-", List.of("output_config", "output_format"),
            "mcp-client-", List.of("mcp_servers"),
            "skills-", List.of("container"),
            "code-execution-", List.of("container"));

    /** Tool-definition fields that exist only under a beta flag: dropped from each tool when the flag cannot be sent. */
    public static final Map<String, List<String>> GATED_TOOL_FIELDS = Map.of(
            "advanced-tool-use-", List.of("defer_loading", "input_examples", "allowed_callers"),
            "fine-grained-tool-streaming-", List.of("eager_input_streaming"),
            "structured-outputs-", List.of("strict"));

    public static AnthropicVendor forBase(URI base, List<String> allowedBetasOverride) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        AnthropicVendor v;
        if (host.equals("api.anthropic.com")) v = ANTHROPIC;
        else if (base.getPort() == 11434) v = otherModels("ollama");
        else v = BY_HOST.getOrDefault(host, UNKNOWN);
        if (allowedBetasOverride != null) {
            v = new AnthropicVendor(v.name, false, Set.copyOf(allowedBetasOverride), v.countTokens, v.plainToolsOnly, v.limitsOutput,
                    v.billingLine);
        }
        return v;
    }

    /**
     * A host of other vendors' models under Anthropic's API: no betas, no count_tokens, plain tools, catalog limits, no
     * billing line.
     */
    private static AnthropicVendor otherModels(String name) {
        return new AnthropicVendor(name, false, Set.of(), false, true, true, false);
    }

    public boolean allows(String beta) {
        if (allBetas) return true;
        for (String prefix : allowedBetas) {
            if (beta.startsWith(prefix)) return true;
        }
        return false;
    }
}
