package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.catalog.ModelCatalog;
import dev.baton.catalog.ModelInfo;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import dev.baton.dialect.ToolIds;
import dev.baton.dialect.openai.OpenAiReasoning;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One vendor's quirks, and its model's capabilities from the catalog, applied to a Chat Completions body (field notes 2, 5, 6, 16, 18). */
class OpenAiBodyRulesTest {
    static final ModelCatalog CATALOG = ModelCatalog.defaults();
    private final ToolCallMemory memory = new ToolCallMemory(100);
    private final ToolIds ids = new ToolIds(100);

    static final String TOOL_TURN = """
            {"model":"x","messages":[
              {"role":"user","content":"read it"},
              {"role":"assistant","content":null,"reasoning_content":"","tool_calls":[{"id":"toolu_01AbCdEf","type":"function","function":{"name":"Read","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"toolu_01AbCdEf","content":"text"},
              {"role":"user","content":"thanks","name":"me"}],
             "tools":[{"type":"function","function":{"name":"Read","parameters":{"type":"object"}}}],
             "tool_choice":{"type":"function","function":{"name":"Read"}},"parallel_tool_calls":false,
             "max_tokens":32000,"temperature":0.3,"stream":true,"reasoning_effort":"medium","user":"u","logprobs":false}""";

    ObjectNode adapt(String prefix, String model, Integer maxTokens) {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(TOOL_TURN);
        return adapt(body, OpenAiVendor.forProvider(prefix, null), prefix, model, maxTokens);
    }

    ObjectNode adapt(ObjectNode body, OpenAiVendor vendor, String prefix, String model, Integer maxTokens) {
        return OpenAiBodyRules.adapt(body, vendor.forModel(model(prefix, model)), model, maxTokens, true, memory, ids);
    }

    /** What the catalog says of `prefix/model`, as OpenAiUpstream asks it. */
    static ModelInfo model(String prefix, String model) {
        return CATALOG.lookup(prefix + "/" + model).orElse(ModelInfo.unknown(model));
    }

    /** Field notes 5: Mistral gets nine-character ids, and answers with them map back to the ids the client knows. */
    @Test
    void mistralGetsNineCharacterToolIdsAnAssistantBridgeAndOnlyFieldsItKnows() {
        ObjectNode body = adapt("mistral", "mistral-large-latest", null);
        String id = body.at("/messages/1/tool_calls/0/id").asString();
        assertThat(id).matches("[a-zA-Z0-9]{9}");
        assertThat(body.at("/messages/2/tool_call_id").asString()).isEqualTo(id);
        assertThat(ids.toCaller(id, ToolIds.Rule.ANTHROPIC)).isEqualTo("toolu_01AbCdEf");
        // "Unexpected role 'user' after role 'tool'"
        assertThat(body.at("/messages/3")).isEqualTo(Json.MAPPER.readTree("{\"role\":\"assistant\",\"content\":\"" + OpenAiBodyRules.BRIDGE + "\"}"));
        assertThat(body.at("/messages/4/role").asString()).isEqualTo("user");
        assertThat(body.has("user")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.has("reasoning_effort")).isFalse();
        assertThat(body.has("logprobs")).isFalse();
        assertThat(body.at("/messages/1").has("reasoning_content")).isFalse();
    }

    /** Field notes 38: where the vendor routes by `prompt_cache_key`, a Claude Code session's turns carry one. */
    @Test
    void openAiAndMistralGetTheSessionsUserAsPromptCacheKeyOthersDoNot() {
        assertThat(adapt("openai", "gpt-4.1", null).path("prompt_cache_key").asString()).isEqualTo("u");
        ObjectNode mistral = adapt("mistral", "mistral-large-latest", null);
        assertThat(mistral.path("prompt_cache_key").asString()).isEqualTo("u");
        assertThat(mistral.has("user")).as("Mistral takes no user").isFalse();
        for (String[] other : new String[][] {{"groq", "llama-3.3-70b-versatile"}, {"deepseek", "deepseek-v4-flash"},
                {"openrouter", "openai/gpt-4.1"}, {"hosted_vllm", "qwen3-coder"}}) {
            assertThat(adapt(other[0], other[1], null).has("prompt_cache_key")).as(other[0]).isFalse();
        }
        ObjectNode own = (ObjectNode) Json.MAPPER.readTree(TOOL_TURN.replace("\"user\":\"u\"", "\"user\":\"u\",\"prompt_cache_key\":\"mine\""));
        assertThat(adapt(own, OpenAiVendor.forProvider("openai", null), "openai", "gpt-4.1", null).path("prompt_cache_key").asString())
                .as("a caller's own key stands").isEqualTo("mine");
        ObjectNode generic = (ObjectNode) Json.MAPPER.readTree(TOOL_TURN.replace("\"user\":\"u\"", "\"user\":\"u\",\"prompt_cache_key\":\"mine\""));
        assertThat(adapt(generic, OpenAiVendor.forProvider("openai", "http://127.0.0.1:8000/v1"), "openai", "qwen3-coder", null)
                .path("prompt_cache_key").asString()).as("and passes through to a server Baton does not know").isEqualTo("mine");
    }

    /**
     * The caller's tree is shared by a request's attempts and its messages with the session's later turns: the rules
     * replace top-level fields of a top-level copy and copy a message before changing it, whatever the vendor changes.
     */
    @Test
    void noVendorChangesTheCallersTree() {
        String turn = TOOL_TURN.replace("{\"role\":\"user\",\"content\":\"read it\"}",
                        "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"read it\"}")
                .replace("\"logprobs\":false", "\"logprobs\":false,\"stream_options\":{\"include_usage\":false},"
                        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"object\"}}}");
        for (String[] target : new String[][] {{"mistral", "mistral-large-latest"}, {"deepseek", "deepseek-v4-flash"},
                {"groq", "llama-3.3-70b-versatile"}, {"openai", "gpt-4.1"}, {"openrouter", "anthropic/claude-sonnet-4.5"}}) {
            ObjectNode caller = (ObjectNode) Json.MAPPER.readTree(turn);
            ObjectNode pristine = caller.deepCopy();
            ObjectNode out = adapt(dev.baton.dialect.SharedValues.topLevelCopy(caller), OpenAiVendor.forProvider(target[0], null),
                    target[0], target[1], 8000);
            assertThat(caller).as(target[0]).isEqualTo(pristine);
            ObjectNode changedInPlace = adapt((ObjectNode) Json.MAPPER.readTree(turn), OpenAiVendor.forProvider(target[0], null),
                    target[0], target[1], 8000);
            assertThat(out.toString()).as(target[0] + ": the same body as before, when rules changed it in place")
                    .isEqualTo(changedInPlace.toString().replaceAll("\"id\":\"[a-zA-Z0-9]{9}\"", "\"id\":\"" + idOf(out) + "\"")
                            .replaceAll("\"tool_call_id\":\"[a-zA-Z0-9]{9}\"", "\"tool_call_id\":\"" + idOf(out) + "\""));
        }
    }

    /** The tool-call id a body's first assistant turn carries. */
    private static String idOf(ObjectNode body) {
        for (JsonNode m : body.get("messages")) if (m.has("tool_calls")) return m.at("/tool_calls/0/id").asString();
        return "";
    }

    /** Field notes 6: deepseek-reasoner takes no tool_choice at all; and it clamps max_tokens where asked (field notes 18). */
    @Test
    void deepseekReasonerLosesToolChoiceAndParallelToolCalls() {
        ObjectNode body = adapt("deepseek", "deepseek-reasoner", 8000);
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
        assertThat(body.get("tools")).hasSize(1);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(8000);
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    /** Field notes 16: DeepSeek thinking mode gets each tool-calling turn's reasoning back, from what Baton remembered. */
    @Test
    void deepseekGetsRememberedReasoningOnToolCallingTurns() {
        memory.put(OpenAiReasoning.MEMORY_KIND, "toolu_01AbCdEf", "I need to read it.");
        ObjectNode body = adapt("deepseek", "deepseek-v4-flash", null);
        assertThat(body.at("/messages/1/reasoning_content").asString()).isEqualTo("I need to read it.");
        assertThat(body.get("thinking")).isEqualTo(Json.MAPPER.readTree("{\"type\":\"enabled\"}"));
        assertThat(body.get("reasoning_effort").asString()).isEqualTo("high"); // DeepSeek knows high and max
    }

    @Test
    void deepseekTurnsWithoutKnownReasoningCarryAnEmptyOneRatherThanNone() {
        ObjectNode body = adapt("deepseek", "deepseek-v4-pro", null);
        assertThat(body.at("/messages/1/reasoning_content").isString()).isTrue();
        assertThat(body.at("/messages/1/reasoning_content").asString()).isEmpty();
    }

    /** OpenAI itself: max_completion_tokens, no sampling for reasoning models, no fields it does not know on messages. */
    @Test
    void openAiReasoningModelsGetMaxCompletionTokensAndNoTemperature() {
        ObjectNode body = adapt("openai", "gpt-5", 20_000);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(20_000);
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.get("reasoning_effort").asString()).isEqualTo("medium");
        assertThat(body.at("/messages/1").has("reasoning_content")).isFalse();
        ObjectNode gpt41 = adapt("openai", "gpt-4.1", null);
        assertThat(gpt41.has("reasoning_effort")).isFalse();
        assertThat(gpt41.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(gpt41.get("max_completion_tokens").asInt()).isEqualTo(32_000);
    }

    /** Field notes 2: a tool_choice form the vendor lacks degrades, never fails. */
    @Test
    void toolChoiceDegradesNamedToRequiredToAuto() {
        ObjectNode lmStudio = adapt("lm_studio", "qwen3-coder", null);
        assertThat(lmStudio.get("tool_choice").asString()).isEqualTo("required");

        OpenAiVendor autoOnly = new OpenAiVendor("x", null, java.util.List.of(), ToolIds.Rule.ANY,
                java.util.Set.of(OpenAiVendor.ToolChoiceForm.AUTO), true, true, OpenAiVendor.ReasoningParam.DROP, false, false, "max_tokens",
                true, false, false, true, true, false, null, java.util.Set.of());
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(TOOL_TURN);
        assertThat(OpenAiBodyRules.adapt(body, autoOnly, "m", null, false, memory, ids).get("tool_choice").asString()).isEqualTo("auto");
        ObjectNode none = (ObjectNode) Json.MAPPER.readTree(TOOL_TURN);
        none.put("tool_choice", "none");
        ObjectNode adapted = OpenAiBodyRules.adapt(none, autoOnly, "m", null, false, memory, ids);
        assertThat(adapted.has("tools")).isFalse(); // "none" without support: the model gets no tools to call
        assertThat(adapted.has("tool_choice")).isFalse();
    }

    @Test
    void deepseekGetsJsonModeWithTheSchemaAsAnInstruction() {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"x","messages":[{"role":"system","content":"Be exact."},{"role":"user","content":"weather?"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object","properties":{"c":{"type":"number"}}}}}}""");
        ObjectNode out = OpenAiBodyRules.adapt(body, OpenAiVendor.forPrefix("deepseek").forModel(model("deepseek", "deepseek-v4-flash")), "deepseek-v4-flash", null, false, memory, ids);
        assertThat(out.get("response_format")).isEqualTo(Json.MAPPER.readTree("{\"type\":\"json_object\"}"));
        assertThat(out.at("/messages/0/content").asString()).startsWith("Be exact.\n\nRespond with a single JSON object").contains("\"number\"");
        assertThat(out.get("messages")).hasSize(2);
    }

    @Test
    void groqLosesMessageNamesAndLogprobs() {
        ObjectNode body = adapt("groq", "openai/gpt-oss-120b", null);
        assertThat(body.at("/messages/3").has("name")).isFalse();
        assertThat(body.has("logprobs")).isFalse();
        assertThat(body.has("reasoning_effort")).isFalse();
    }

    @Test
    void openRouterSpellsReasoningItsOwnWay() {
        ObjectNode body = adapt("openrouter", "anthropic/claude-sonnet-4.5", null);
        assertThat(body.get("reasoning")).isEqualTo(Json.MAPPER.readTree("{\"effort\":\"medium\"}"));
        assertThat(body.has("reasoning_effort")).isFalse();
    }

    @Test
    void withoutToolsThereIsNoToolChoiceAndWithoutStreamNoStreamOptions() {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"x","messages":[{"role":"user","content":"hi"}],"tools":[],"tool_choice":"auto","parallel_tool_calls":true,
                 "stream_options":{"include_usage":true}}""");
        JsonNode out = OpenAiBodyRules.adapt(body, OpenAiVendor.GENERIC, "local-model", null, true, memory, ids);
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
        assertThat(out.has("parallel_tool_calls")).isFalse();
        assertThat(out.has("stream_options")).isFalse();
        assertThat(out.get("model").asString()).isEqualTo("local-model");
    }

    @Test
    void vendorsAreFoundByPrefixAndByHost() {
        assertThat(OpenAiVendor.forProvider("openai", null).name()).isEqualTo("openai");
        assertThat(OpenAiVendor.forProvider("openai", "https://api.deepseek.com/v1").name()).isEqualTo("deepseek");
        assertThat(OpenAiVendor.forProvider("openai", "http://10.0.0.5:8000/v1")).isSameAs(OpenAiVendor.GENERIC);
        assertThat(OpenAiVendor.forProvider("ollama_chat", null).defaultBase()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(OpenAiVendor.forProvider("deepseek", null).forModel(model("deepseek", "deepseek-chat")).reasoning())
                .isEqualTo(OpenAiVendor.ReasoningParam.DROP);
        assertThat(OpenAiVendor.forProvider("openrouter", null).forModel(model("openrouter", "deepseek/deepseek-v4-flash")).reasoning())
                .isEqualTo(OpenAiVendor.ReasoningParam.OPENROUTER);
    }

    /** The model's capabilities, not the host's: a relay Baton does not know still gets deepseek-chat's and deepseek-reasoner's rules. */
    @Test
    void aRelaysModelsKeepTheirCapabilities() {
        OpenAiVendor relay = OpenAiVendor.forProvider("openai", "http://10.0.0.5:3000/v1");
        ObjectNode chat = adapt((ObjectNode) Json.MAPPER.readTree(TOOL_TURN), relay, "openai", "deepseek-chat", null);
        assertThat(chat.has("reasoning_effort")).isFalse();
        assertThat(chat.get("temperature").asDouble()).isEqualTo(0.3);
        ObjectNode reasoner = adapt((ObjectNode) Json.MAPPER.readTree(TOOL_TURN), relay, "openai", "deepseek-reasoner", null);
        assertThat(reasoner.has("tool_choice")).isFalse();
        assertThat(reasoner.get("reasoning_effort").asString()).isEqualTo("medium");
        ObjectNode local = adapt((ObjectNode) Json.MAPPER.readTree(TOOL_TURN), relay, "openai", "my-local-model", null);
        assertThat(local.get("reasoning_effort").asString()).isEqualTo("medium"); // unknown: passed on as asked
    }

    /** A GPT-5 release newer than the catalog is still a reasoning model, by its family default (`gpt-5*`). */
    @Test
    void openAisNewReasoningModelsAreKnownByTheirFamily() {
        ObjectNode body = adapt("openai", "gpt-5.9-preview", null);
        assertThat(body.get("reasoning_effort").asString()).isEqualTo("medium");
        assertThat(body.has("temperature")).isFalse();
        ObjectNode chat = adapt("openai", "gpt-5-chat-latest", null);
        assertThat(chat.has("reasoning_effort")).isFalse();
        assertThat(chat.get("temperature").asDouble()).isEqualTo(0.3);
    }
}
