package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fake refuses what Gemini refuses, in Gemini's words, so tests passing against it mean something. */
class FakeGeminiTest {
    private static final String PATH = "/v1beta/models/gemini-3-pro-preview:generateContent";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeGemini fake;

    @BeforeEach
    void start() {
        fake = FakeGemini.start("gemini");
    }

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    @Test
    void aValidRequestGetsTheDocumentedResponseShape() throws Exception {
        HttpResponse<String> r = post(PATH, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}", "k");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode json = Json.parse(r.body());
        assertThat(json.at("/candidates/0/content/role").asString()).isEqualTo("model");
        assertThat(json.at("/candidates/0/content/parts/0/text").asString()).isEqualTo("Hello from gemini");
        assertThat(json.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
        assertThat(json.at("/usageMetadata/promptTokenCount").asInt()).isPositive();
        assertThat(json.get("modelVersion").asString()).isEqualTo("gemini-3-pro-preview");
    }

    @Test
    void streamsAreServerSentEventsWhoseLastChunkCarriesTheFinishReason() throws Exception {
        fake.replyText("one two three four");
        HttpResponse<String> r = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}", "k");

        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        String[] events = r.body().split("\n\n");
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e).startsWith("data: {\"candidates\""));
        assertThat(events[2]).contains("\"finishReason\":\"STOP\"");
        assertThat(events[0]).doesNotContain("finishReason");
    }

    @Test
    void keysAreCheckedAsGoogleChecksThem() throws Exception {
        fake.requireApiKey("right");
        assertThat(post(PATH, "{}", null).statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = post(PATH, "{}", "wrong");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("API key not valid").contains("API_KEY_INVALID");
    }

    @Test
    void schemaKeysOutsideGeminisSubsetAreUnknownFields() throws Exception {
        HttpResponse<String> r = post(PATH, """
                {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"tools":[{"functionDeclarations":[{"name":"Read",
                  "parameters":{"type":"object","properties":{"limit":{"type":"integer","exclusiveMinimum":0}}}}]}]}""", "k");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.parse(r.body()).at("/error/message").asString())
                .isEqualTo("Invalid JSON payload received. Unknown name \"exclusiveMinimum\" at 'tools[0].function_declarations[0].parameters.properties[0].value': Cannot find field.");
        assertThat(Json.parse(r.body()).at("/error/status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(post(PATH, """
                {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"tools":[{"functionDeclarations":[{"name":"Read",
                  "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"a":{"type":"string"}}}}]}]}""", "k").body())
                .contains("Unknown name \\\"$schema\\\" at 'tools[0].function_declarations[0].parameters'");
    }

    @Test
    void rolesMustAlternate() throws Exception {
        assertThat(post(PATH, """
                {"contents":[{"role":"user","parts":[{"text":"a"}]},{"role":"user","parts":[{"text":"b"}]}]}""", "k").body())
                .contains("alternate between user and model");
    }

    @Test
    void functionResponsesMustAnswerEachCallOnceByName() throws Exception {
        String twoCalls = """
                {"role":"model","parts":[{"functionCall":{"name":"Read","args":{}},"thoughtSignature":"skip_thought_signature_validator"},
                                         {"functionCall":{"name":"Grep","args":{}}}]}""";
        assertThat(post(PATH, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]}," + twoCalls + ","
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"Read\",\"response\":{}}}]}]}", "k").body())
                .contains("number of function response parts is equal to the number of function call parts");
        assertThat(post(PATH, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]}," + twoCalls + ","
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"Read\",\"response\":{}}},"
                + "{\"functionResponse\":{\"name\":\"Read\",\"response\":{}}}]}]}", "k").body())
                .contains("function response names match");
    }

    @Test
    void gemini3RefusesAReplayedCallWithoutItsSignatureOrWithOneItDidNotIssue() throws Exception {
        String history = """
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"Read","args":{}}%s}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"Read","response":{"output":"x"}}}]}]}""";

        assertThat(post(PATH, history.formatted(""), "k").body()).contains("Function call is missing a thought_signature");
        assertThat(post(PATH, history.formatted(",\"thoughtSignature\":\"Zm9yZ2Vk\""), "k").body()).contains("Corrupted thought signature");
        assertThat(post(PATH, history.formatted(",\"thoughtSignature\":\"skip_thought_signature_validator\""), "k").statusCode()).isEqualTo(200);
        fake.gemini3(false);
        assertThat(post(PATH, history.formatted(""), "k").statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitFaultsCarryGooglesRetryInfo() throws Exception {
        fake.enqueue(Fault.status(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 31.5s."));

        HttpResponse<String> r = post(PATH, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}", "k");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Json.parse(r.body()).at("/error/details/0/retryDelay").asString()).isEqualTo("31s");
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("x-goog-api-key", key);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
