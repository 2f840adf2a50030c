package dev.baton.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.Json;
import dev.baton.dialect.ToolCallMemory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Golden transcripts canonical → Gemini request body, each named for the behaviour it guards. */
class GeminiRequestEncoderTest {
    private static final JsonNode READ_SCHEMA = Json.MAPPER.readTree("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{
              "file_path":{"description":"The absolute path to the file to read","type":"string"},
              "limit":{"type":"integer","exclusiveMinimum":0}},"required":["file_path"],"additionalProperties":false}""");
    private static final Tool READ = Tool.function("Read", "Reads a file.", READ_SCHEMA);
    private static final Tool WEB_SEARCH = new Tool("web_search", null, null, "web_search_20250305",
            (ObjectNode) Json.MAPPER.readTree("{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":8}"), null);

    private final ToolCallMemory memory = new ToolCallMemory(100);

    @Test
    void claudeCodesBillingLineIsStrippedAndGenerationSettingsMap() {
        ChatRequest r = new ChatRequest("gemini-2.5-pro",
                List.of(new Block.Text("x-anthropic-billing-header: cc_version=2.1.45.760; cc_entrypoint=cli; cch=b7b0f;"),
                        new Block.Text("You are Claude Code.", Json.MAPPER.readTree("{\"type\":\"ephemeral\"}"))),
                List.of(Message.user(new Block.Text("Hi"))), List.of(), null, false, 100_000, 0.5, 0.9, 40,
                List.of("a", "b", "c", "d", "e", "f"), true, null, null, "user-1");

        assertEncodes(r, "gemini-2.5-pro", """
                {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],
                 "systemInstruction":{"parts":[{"text":"You are Claude Code."}]},
                 "generationConfig":{"maxOutputTokens":100000,"temperature":0.5,"topP":0.9,"topK":40,
                   "stopSequences":["a","b","c","d","e"]}}""");
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMergedSoRolesAlternate() {
        ChatRequest r = request(List.of(
                Message.user(new Block.Text("one")),
                Message.user(new Block.Text("two"), new Block.Text("  ")),
                Message.assistant(new Block.Text("three")),
                Message.assistant(new Block.Text("four"))));

        assertEncodes(r, "gemini-2.5-flash", """
                {"contents":[
                  {"role":"user","parts":[{"text":"one"},{"text":"two"}]},
                  {"role":"model","parts":[{"text":"three"},{"text":"four"}]}]}""");
    }

    @Test
    void parallelToolResultsAnswerEachCallByNameOneToOneWithTheirImagesBeside() {
        ChatRequest r = request(List.of(
                Message.user(new Block.Text("Read both")),
                Message.assistant(new Block.Text("Reading."),
                        new Block.ToolUse("toolu_A", "Read", Json.MAPPER.readTree("{\"file_path\":\"/a\"}")),
                        new Block.ToolUse("toolu_B", "Screenshot", Json.MAPPER.readTree("{}"))),
                Message.user(
                        new Block.ToolResult("toolu_A", List.of(new Block.Text("alpha")), false),
                        new Block.ToolResult("toolu_B", List.of(new Block.Text("see image"), Block.Image.base64("image/png", "iVBORw0KGgo=")), false),
                        new Block.Text("<system-reminder>go on</system-reminder>"))));
        memory.put(GeminiSignatures.KIND, "toolu_A", "SIG_A");

        assertEncodes(r, "gemini-2.5-flash", """
                {"contents":[
                  {"role":"user","parts":[{"text":"Read both"}]},
                  {"role":"model","parts":[
                    {"text":"Reading."},
                    {"functionCall":{"id":"toolu_A","name":"Read","args":{"file_path":"/a"}},"thoughtSignature":"SIG_A"},
                    {"functionCall":{"id":"toolu_B","name":"Screenshot","args":{}}}]},
                  {"role":"user","parts":[
                    {"functionResponse":{"id":"toolu_A","name":"Read","response":{"output":"alpha"}}},
                    {"functionResponse":{"id":"toolu_B","name":"Screenshot","response":{"output":"see image"}}},
                    {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
                    {"text":"<system-reminder>go on</system-reminder>"}]}]}""");
    }

    @Test
    void signatureCarriedByAGeminiThinkingBlockGoesOnTheCallAfterItAndOtherThinkingIsDropped() {
        ChatRequest r = request(List.of(
                Message.user(new Block.Text("go")),
                Message.assistant(new Block.Thinking("claude thinks", "EqQBCkgIARABGAIiQ..."), new Block.RedactedThinking("xyz"),
                        new Block.Text("done")),
                Message.user(new Block.Text("again")),
                Message.assistant(new Block.Thinking("gemini thinks", ThinkingOrigin.signature("gemini", "SIG_T")),
                        new Block.ToolUse("toolu_C", "Read", Json.MAPPER.readTree("{\"file_path\":\"/c\"}"))),
                Message.user(new Block.ToolResult("toolu_C", List.of(new Block.Text("not found")), true))));

        assertEncodes(r, "gemini-3-pro-preview", """
                {"contents":[
                  {"role":"user","parts":[{"text":"go"}]},
                  {"role":"model","parts":[{"text":"done"}]},
                  {"role":"user","parts":[{"text":"again"}]},
                  {"role":"model","parts":[{"functionCall":{"id":"toolu_C","name":"Read","args":{"file_path":"/c"}},"thoughtSignature":"SIG_T"}]},
                  {"role":"user","parts":[{"functionResponse":{"id":"toolu_C","name":"Read","response":{"error":"not found"}}}]}]}""");
    }

    @Test
    void callsFromAnotherModelGetGooglesStandInSignatureOnTheFirstCallOfEachTurn() {
        // Claude made these calls before the fallback: Gemini 3 refuses a first call without a signature
        ChatRequest r = request(List.of(
                Message.user(new Block.Text("go")),
                Message.assistant(new Block.ToolUse("toolu_X", "Read", Json.MAPPER.readTree("{}")),
                        new Block.ToolUse("toolu_Y", "Read", Json.MAPPER.readTree("{}"))),
                Message.user(new Block.ToolResult("toolu_X", List.of(), false), new Block.ToolResult("toolu_Y", List.of(), false))));

        JsonNode body = encode(r, "gemini-3-pro-preview");
        assertThat(body.at("/contents/1/parts/0/thoughtSignature").asString()).isEqualTo("skip_thought_signature_validator");
        assertThat(body.at("/contents/1/parts/1").has("thoughtSignature")).isFalse();
    }

    @Test
    void aToolResultWhoseCallWasCompactedAwayTravelsAsText() {
        ChatRequest r = request(List.of(Message.user(new Block.ToolResult("toolu_GONE", List.of(new Block.Text("42")), false))));

        assertEncodes(r, "gemini-2.5-flash", """
                {"contents":[{"role":"user","parts":[{"text":"Result of tool call toolu_GONE:\\n42"}]}]}""");
    }

    @Test
    void webSearchBesideFunctionToolsIsRemovedTogetherWithAToolChoiceNamingIt() {
        ChatRequest r = request(List.of(Message.user(new Block.Text("search"))))
                .withTools(List.of(READ, WEB_SEARCH), new ToolChoice.Named("web_search"));

        assertEncodes(r, "gemini-2.5-flash", """
                {"contents":[{"role":"user","parts":[{"text":"search"}]}],
                 "tools":[{"functionDeclarations":[{"name":"Read","description":"Reads a file.","parameters":{
                   "type":"object","properties":{
                     "file_path":{"type":"string","description":"The absolute path to the file to read"},
                     "limit":{"type":"integer","minimum":1}},
                   "required":["file_path"]}}]}]}""");
    }

    @Test
    void claudeCodesWebSearchRequestBecomesGoogleSearch() {
        ChatRequest r = request(List.of(Message.user(new Block.Text("Perform a web search for: jetty 12"))))
                .withTools(List.of(WEB_SEARCH), new ToolChoice.Named("web_search"));

        assertEncodes(r, "gemini-2.5-flash", """
                {"contents":[{"role":"user","parts":[{"text":"Perform a web search for: jetty 12"}]}],
                 "tools":[{"googleSearch":{}}]}""");
    }

    @Test
    void everyToolChoiceFormMaps() {
        Map<ToolChoice, String> expected = Map.of(
                ToolChoice.AUTO, "{\"mode\":\"AUTO\"}",
                ToolChoice.ANY, "{\"mode\":\"ANY\"}",
                ToolChoice.NONE, "{\"mode\":\"NONE\"}",
                new ToolChoice.Named("Read"), "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"Read\"]}");
        expected.forEach((choice, config) -> {
            JsonNode body = encode(request(List.of(Message.user(new Block.Text("x")))).withTools(List.of(READ), choice), "gemini-2.5-flash");
            assertThat(body.at("/toolConfig/functionCallingConfig")).as(choice.toString()).isEqualTo(Json.MAPPER.readTree(config));
        });
    }

    @Test
    void reasoningBecomesAThinkingBudgetWithinTheModelsRangeAndOnlyForModelsThatThink() {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text("think"))), List.of(), null, null,
                32_000, null, null, null, List.of(), false, new Reasoning(31_999, null), null, null);

        assertThat(encode(r, "gemini-2.5-flash").get("generationConfig")).isEqualTo(Json.MAPPER.readTree("""
                {"maxOutputTokens":32000,"thinkingConfig":{"thinkingBudget":24576,"includeThoughts":true}}"""));
        assertThat(encode(r, "gemini-2.0-flash").get("generationConfig")).isEqualTo(Json.MAPPER.readTree("""
                {"maxOutputTokens":32000}"""));
        ChatRequest small = r.withMaxTokens(8192); // the provider clamped it (OutputLimit): thoughts still leave room for the answer
        assertThat(encode(small, "gemini-2.5-flash").at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(8191);
    }

    @Test
    void imagesByUrlBecomeFileData() {
        ChatRequest r = request(List.of(Message.user(Block.Image.url("https://example.com/cat.JPG?x=1"), new Block.Text("what is it?"))));

        assertEncodes(r, "gemini-2.5-flash", """
                {"contents":[{"role":"user","parts":[
                  {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/cat.JPG?x=1"}},{"text":"what is it?"}]}]}""");
    }

    @Test
    void aJsonSchemaResponseFormatBecomesASanitizedResponseSchema() {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text("json"))), List.of(), null, null,
                null, null, null, null, List.of(), false, null, Json.MAPPER.readTree("""
                {"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"n":{"type":"integer"}},"additionalProperties":false}}}"""),
                null);

        assertThat(encode(r, "gemini-2.5-flash").get("generationConfig")).isEqualTo(Json.MAPPER.readTree("""
                {"responseMimeType":"application/json","responseSchema":{"type":"object","properties":{"n":{"type":"integer"}}}}"""));
    }

    private static ChatRequest request(List<Message> messages) {
        return new ChatRequest("m", List.of(), messages, List.of(), null, null, null, null, null, null, List.of(), false,
                null, null, null);
    }

    private JsonNode encode(ChatRequest r, String model) {
        return new GeminiRequestEncoder(GeminiModel.forId(model), memory).encode(r);
    }

    private void assertEncodes(ChatRequest r, String model, String expectedJson) {
        assertThat(encode(r, model)).isEqualTo(Json.MAPPER.readTree(expectedJson));
    }
}
