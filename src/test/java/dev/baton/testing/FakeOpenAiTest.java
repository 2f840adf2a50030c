package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fake answers as OpenAI does, and refuses what OpenAI (or the chosen vendor) would refuse. */
class FakeOpenAiTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeOpenAi fake;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.start("fake");
    }

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer sk-test").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String error(String body) throws Exception {
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(r.body()).isIn(400, 422);
        return Json.parse(r.body()).at("/error/message").asString();
    }

    @Test
    void answersWithTheDocumentedCompletionShape() throws Exception {
        HttpResponse<String> r = post("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        JsonNode c = Json.parse(r.body());
        assertThat(c.get("object").asString()).isEqualTo("chat.completion");
        assertThat(c.at("/choices/0/message/content").asString()).isEqualTo("Hello from fake");
        assertThat(c.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(c.at("/usage/prompt_tokens").asInt()).isPositive();
    }

    @Test
    void streamsRoleFirstAndEndsWithUsageAndDone() throws Exception {
        fake.reply(OpenAiReply.toolCall("call_1", "Read", "{\"p\":1}"));
        String body = post("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").body();
        List<String> data = body.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(Json.parse(data.get(0)).at("/choices/0/delta/role").asString()).isEqualTo("assistant");
        assertThat(Json.parse(data.get(data.size() - 2)).get("choices")).isEmpty();
        assertThat(data.getLast()).isEqualTo("[DONE]");
    }

    @Test
    void refusesToolMessagesThatAnswerNoPrecedingCall() throws Exception {
        assertThat(error("""
                {"model":"m","messages":[{"role":"user","content":"x"},{"role":"tool","tool_call_id":"call_1","content":"r"}]}"""))
                .contains("must be a response to a preceeding message with 'tool_calls'");
    }

    /** Field notes 1: each call answered exactly once. */
    @Test
    void refusesCallsWithoutAResponseAndDuplicateResponses() throws Exception {
        String calls = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
                + "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}";
        assertThat(error("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}," + calls
                + ",{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"r\"},{\"role\":\"user\",\"content\":\"y\"}]}")).contains("did not have response messages: b");
        assertThat(error("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}," + calls
                + ",{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"r\"},{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"r\"}]}"))
                .contains("must be a response");
    }

    /** Field notes 3: tool_choice without tools is OpenAI's 400. */
    @Test
    void refusesToolChoiceWithoutToolsAndStreamOptionsWithoutStream() throws Exception {
        assertThat(error("{\"model\":\"m\",\"tool_choice\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .contains("only allowed when 'tools' are specified");
        assertThat(error("{\"model\":\"m\",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .contains("stream_options");
    }

    @Test
    void vendorProfilesAddTheirOwnRules() throws Exception {
        fake.profile(FakeOpenAi.Profile.MISTRAL);
        assertThat(error("{\"model\":\"m\",\"user\":\"u\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).contains("Extra inputs");
        assertThat(error("""
                {"model":"m","messages":[{"role":"user","content":"x"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_12345","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_12345","content":"r"}]}""")).contains("length of 9");
        fake.profile(FakeOpenAi.Profile.DEEPSEEK_CHAT);
        assertThat(error("{\"model\":\"m\",\"max_tokens\":32000,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).contains("[1, 8192]");
        fake.profile(FakeOpenAi.Profile.OPENAI);
        assertThat(error("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"a\",\"reasoning_content\":\"r\"},{\"role\":\"user\",\"content\":\"x\"}]}"))
                .contains("reasoning_content");
    }

    @Test
    void wantsABearerToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Json.parse(r.body()).at("/error/code").asString()).isEqualTo("invalid_api_key");
    }
}
