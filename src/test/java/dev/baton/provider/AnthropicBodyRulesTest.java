package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AnthropicBodyRulesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALL_BETAS = "context-management-2025-06-27,effort-2025-11-24,mcp-client-2025-04-04,skills-2025-10-02,interleaved-thinking-2025-05-14";

    private static ObjectNode body(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static final String GATED_BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}],
             "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},
             "output_config":{"effort":"high"},
             "mcp_servers":[{"type":"url","url":"https://mcp.example.com","name":"x"}],
             "container":{"skills":[]},
             "some_future_field":{"kept":true}}""";

    private static final String TOOLS_BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}],
             "tools":[
               {"type":"custom","name":"Read","description":"Reads a file","input_schema":{"type":"object"},
                "cache_control":{"type":"ephemeral"},"defer_loading":true,"input_examples":[{"path":"a"}],"strict":true},
               {"name":"Bash","description":"Runs","input_schema":{"type":"object"},"eager_input_streaming":true},
               {"type":"web_search_20250305","name":"web_search","max_uses":5}
             ],
             "tool_choice":{"type":"tool","name":"web_search"}}""";

    @Test
    void officialAnthropicPassesTheSameBodyObjectThroughUntouched() {
        ObjectNode in = body(GATED_BODY);
        ObjectNode before = in.deepCopy();
        AnthropicVendor vendor = AnthropicVendor.forBase(URI.create("https://api.anthropic.com"), null);
        List<String> betas = AnthropicBodyRules.allowedBetas(ALL_BETAS, vendor);
        assertThat(betas).hasSize(5);
        assertThat(AnthropicBodyRules.adapt(in, vendor, betas)).isSameAs(in);
        assertThat(AnthropicBodyRules.adapt(body(TOOLS_BODY), vendor, List.of())).isNotNull();
        assertThat(in).isEqualTo(before);
    }

    @Test
    void unknownAnthropicCompatibleEndpointAlsoPassesTheBodyThrough() {
        ObjectNode in = body(TOOLS_BODY);
        AnthropicVendor vendor = AnthropicVendor.forBase(URI.create("https://llm-proxy.internal.example"), null);
        assertThat(AnthropicBodyRules.adapt(in, vendor, List.of())).isSameAs(in);
    }

    @Test
    void allowedBetasOverrideDropsOtherBetasAndTheirGatedFields() { // field notes 19
        ObjectNode in = body(GATED_BODY);
        ObjectNode before = in.deepCopy();
        AnthropicVendor vendor = AnthropicVendor.forBase(URI.create("https://llm-proxy.internal.example"), List.of("context-management-"));
        List<String> betas = AnthropicBodyRules.allowedBetas(ALL_BETAS, vendor);
        assertThat(betas).containsExactly("context-management-2025-06-27");

        ObjectNode out = AnthropicBodyRules.adapt(in, vendor, betas);
        assertThat(out).isNotSameAs(in);
        assertThat(out.has("context_management")).isTrue();
        assertThat(out.has("output_config")).isFalse();
        assertThat(out.has("mcp_servers")).isFalse();
        assertThat(out.has("container")).isFalse();
        assertThat(out.get("some_future_field")).isEqualTo(before.get("some_future_field"));
        assertThat(in).as("the caller's body is never modified").isEqualTo(before);
    }

    @Test
    void allowedBetasOverrideDropsBetaGatedToolFieldsUnlessTheirBetaIsSent() { // field notes 19: defer_loading
        ObjectNode in = body(TOOLS_BODY);
        ObjectNode before = in.deepCopy();
        AnthropicVendor proxy = AnthropicVendor.forBase(URI.create("https://llm-proxy.internal.example"), List.of("advanced-tool-use-"));
        List<String> betas = AnthropicBodyRules.allowedBetas("advanced-tool-use-2025-11-20,fine-grained-tool-streaming-2025-05-14", proxy);
        ObjectNode out = AnthropicBodyRules.adapt(in, proxy, betas);

        JsonNode read = out.get("tools").get(0);
        assertThat(read.has("defer_loading")).as("its beta is sent").isTrue();
        assertThat(read.has("input_examples")).as("its beta is sent").isTrue();
        assertThat(read.has("strict")).as("structured-outputs beta not allowed").isFalse();
        assertThat(read.has("cache_control")).isTrue();
        assertThat(out.get("tools").get(1).has("eager_input_streaming")).as("fine-grained-tool-streaming not allowed").isFalse();
        assertThat(out.get("tools")).hasSize(3).as("not a plain-tools vendor: server tools stay");
        assertThat(in).as("the caller's body is never modified").isEqualTo(before);

        ObjectNode none = AnthropicBodyRules.adapt(body(TOOLS_BODY), proxy, List.of());
        assertThat(none.get("tools").get(0).has("defer_loading")).isFalse();
        assertThat(none.get("tools").get(0).has("input_examples")).isFalse();
    }

    @Test
    void restrictedVendorWithNothingToDropSendsTheCallersBody() {
        ObjectNode in = body("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"Read","description":"d","input_schema":{"type":"object"}}]}""");
        AnthropicVendor deepseek = AnthropicVendor.forBase(URI.create("https://api.deepseek.com/anthropic"), null);
        assertThat(AnthropicBodyRules.adapt(in, deepseek, List.of())).isSameAs(in);
    }

    /** Claude Code's system prompt: a billing block whose hash changes every request, then the prompt itself. */
    private static final String CLAUDE_CODE_SYSTEM = """
            {"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"}],
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.37.0d9; cc_entrypoint=cli; cch=fa690;"},
                       {"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.","cache_control":{"type":"ephemeral"}},
                       {"type":"text","text":"x-anthropic-billing-header: cc_version=2.0.1; cch=00000;\\nYou are an interactive CLI tool.","cache_control":{"type":"ephemeral"}}]}""";

    @Test
    void aHostOfOtherVendorsModelsGetsTheSystemPromptWithoutClaudeCodesBillingLine() { // field notes 38
        ObjectNode in = body(CLAUDE_CODE_SYSTEM);
        ObjectNode before = in.deepCopy();
        AnthropicVendor deepseek = AnthropicVendor.forBase(URI.create("https://api.deepseek.com/anthropic"), null);
        ObjectNode out = AnthropicBodyRules.adapt(in, deepseek, List.of());

        assertThat(out.get("system")).isEqualTo(body("""
                {"s":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.","cache_control":{"type":"ephemeral"}},
                      {"type":"text","text":"You are an interactive CLI tool.","cache_control":{"type":"ephemeral"}}]}""").get("s"));
        assertThat(in).as("the caller's body is never modified").isEqualTo(before);

        ObjectNode asString = body("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],"
                + "\"system\":\"x-anthropic-billing-header: cch=1;\\nBe brief.\"}");
        assertThat(AnthropicBodyRules.adapt(asString, deepseek, List.of()).get("system").asString()).isEqualTo("Be brief.");
        ObjectNode onlyTheLine = body("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],\"system\":\"x-anthropic-billing-header: cch=1;\"}");
        assertThat(AnthropicBodyRules.adapt(onlyTheLine, deepseek, List.of()).has("system")).isFalse();
    }

    @Test
    void anthropicAndUnknownHostsKeepTheBillingLine() { // Anthropic reads it; an unknown host may be a proxy in front of it
        for (String base : new String[] {"https://api.anthropic.com", "https://llm-proxy.example.com/anthropic"}) {
            ObjectNode in = body(CLAUDE_CODE_SYSTEM);
            assertThat(AnthropicBodyRules.adapt(in, AnthropicVendor.forBase(URI.create(base), null), List.of())).as(base).isSameAs(in);
        }
    }

    @Test
    void plainToolsOnlyVendorReducesToolsAndDropsServerToolsWithTheirToolChoice() { // field notes 3 and 7
        ObjectNode in = body(TOOLS_BODY);
        ObjectNode before = in.deepCopy();
        AnthropicVendor deepseek = AnthropicVendor.forBase(URI.create("https://api.deepseek.com/anthropic"), null);
        ObjectNode out = AnthropicBodyRules.adapt(in, deepseek, AnthropicBodyRules.allowedBetas(ALL_BETAS, deepseek));

        JsonNode tools = out.get("tools");
        assertThat(tools).hasSize(2);
        assertThat(tools.get(0).propertyNames()).containsExactlyInAnyOrder("name", "description", "input_schema", "cache_control");
        assertThat(tools.get(0).get("name").asString()).isEqualTo("Read");
        assertThat(tools.get(1).propertyNames()).containsExactlyInAnyOrder("name", "description", "input_schema");
        assertThat(tools.get(1).get("name").asString()).isEqualTo("Bash");
        assertThat(out.has("tool_choice")).as("tool_choice naming the dropped web_search").isFalse();
        assertThat(in).as("the caller's body is never modified").isEqualTo(before);
    }

    @Test
    void aSessionsToolsAreReducedOnceAndNoTreeOfTheCallersIsChanged() {
        String long_ = "Runs a command. " + "Mind the quoting. ".repeat(300); // tools of 4 KB and more are shared
        byte[] turn = TOOLS_BODY.replace("\"Runs\"", "\"" + long_ + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AnthropicVendor deepseek = AnthropicVendor.forBase(URI.create("https://api.deepseek.com/anthropic"), null);
        ObjectNode expected = AnthropicBodyRules.adapt(body(new String(turn, java.nio.charset.StandardCharsets.UTF_8)), deepseek, List.of());
        ObjectNode before = null;
        JsonNode first = null;
        for (int i = 0; i < 3; i++) { // the tools are kept at their second sighting, then shared
            ObjectNode tree = dev.baton.dialect.JsonFields.of(turn).tree();
            before = tree.deepCopy();
            ObjectNode out = AnthropicBodyRules.adapt(tree, deepseek, List.of());
            assertThat(out).isEqualTo(expected);
            assertThat(tree).as("the caller's tree, whose tools other requests share").isEqualTo(before);
            if (i == 1) first = out.get("tools");
            if (i == 2) assertThat(out.get("tools")).as("reduced once for the session").isSameAs(first);
        }
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        dev.baton.dialect.SharedValues.shared().write(AnthropicBodyRules.adapt(dev.baton.dialect.JsonFields.of(turn).tree(), deepseek, List.of()), sent);
        assertThat(sent.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void toolChoiceNamingAKeptToolSurvives() {
        ObjectNode in = body(TOOLS_BODY);
        in.putObject("tool_choice").put("type", "tool").put("name", "Read");
        AnthropicVendor zai = AnthropicVendor.forBase(URI.create("https://api.z.ai/api/anthropic"), null);
        ObjectNode out = AnthropicBodyRules.adapt(in, zai, List.of());
        assertThat(out.get("tool_choice").get("name").asString()).isEqualTo("Read");
    }

    @Test
    void onlyServerToolsLeavesNoToolsAndNoToolChoice() {
        ObjectNode in = body("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"web_search_20250305","name":"web_search"}],"tool_choice":{"type":"any"}}""");
        AnthropicVendor moonshot = AnthropicVendor.forBase(URI.create("https://api.moonshot.ai/anthropic"), null);
        ObjectNode out = AnthropicBodyRules.adapt(in, moonshot, List.of());
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
        assertThat(in.has("tools")).isTrue();
    }

    @Test
    void allowedBetasSplitsAndTrimsTheHeader() {
        AnthropicVendor vendor = AnthropicVendor.forBase(URI.create("https://x.example"), List.of("interleaved-thinking-", "effort-"));
        assertThat(AnthropicBodyRules.allowedBetas(" effort-2025-11-24 , ,oauth-2025-04-20,interleaved-thinking-2025-05-14", vendor))
                .containsExactly("effort-2025-11-24", "interleaved-thinking-2025-05-14");
        assertThat(AnthropicBodyRules.allowedBetas(null, vendor)).isEmpty();
    }

    @Test
    void aLoweredOutputLimitScalesTheThinkingBudgetInProportion() { // field notes 18
        ObjectNode b = body("{\"max_tokens\":20000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10000}}");
        AnthropicBodyRules.limitOutput(b, 20000, 8192);
        assertThat(b.path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(b.path("thinking").path("budget_tokens").asInt()).isEqualTo(4096);

        ObjectNode fits = body("{\"max_tokens\":20000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}}");
        AnthropicBodyRules.limitOutput(fits, 20000, 8192);
        assertThat(fits.path("thinking").path("budget_tokens").asInt()).as("a budget below the new limit stays").isEqualTo(2000);

        ObjectNode adaptive = body("{\"max_tokens\":32000,\"thinking\":{\"type\":\"adaptive\"}}");
        AnthropicBodyRules.limitOutput(adaptive, 32000, 8192);
        assertThat(adaptive.path("thinking").path("type").asString()).isEqualTo("adaptive");
    }
}
