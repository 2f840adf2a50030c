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
 */
public record AnthropicVendor(String name, boolean allBetas, Set<String> allowedBetas, boolean countTokens, boolean plainToolsOnly) {

    public static final AnthropicVendor ANTHROPIC = new AnthropicVendor("anthropic", true, Set.of(), true, false);
    /** An endpoint Baton does not know: assume it is Anthropic or a proxy in front of it. */
    public static final AnthropicVendor UNKNOWN = new AnthropicVendor("anthropic-compatible", true, Set.of(), true, false);

    private static final Map<String, AnthropicVendor> BY_HOST = Map.of(
            "api.deepseek.com", new AnthropicVendor("deepseek", false, Set.of(), false, true),
            "api.z.ai", new AnthropicVendor("z.ai", false, Set.of(), false, true),
            "open.bigmodel.cn", new AnthropicVendor("z.ai", false, Set.of(), false, true),
            "api.moonshot.ai", new AnthropicVendor("moonshot", false, Set.of(), false, true),
            "api.moonshot.cn", new AnthropicVendor("moonshot", false, Set.of(), false, true),
            "api.minimax.io", new AnthropicVendor("minimax", false, Set.of(), false, true));

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
        else if (base.getPort() == 11434) v = new AnthropicVendor("ollama", false, Set.of(), false, true);
        else v = BY_HOST.getOrDefault(host, UNKNOWN);
        if (allowedBetasOverride != null) {
            v = new AnthropicVendor(v.name, false, Set.copyOf(allowedBetasOverride), v.countTokens, v.plainToolsOnly);
        }
        return v;
    }

    public boolean allows(String beta) {
        if (allBetas) return true;
        for (String prefix : allowedBetas) {
            if (beta.startsWith(prefix)) return true;
        }
        return false;
    }
}
