package dev.baton.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The demo's OpenAI server speaks Chat Completions well enough for OpenAI's own SDK, streamed and not. */
class FakeChatCompletionsServerTest {
    private static OpenAIClient client(FakeChatCompletionsServer server) {
        return OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("sk-demo").maxRetries(0).build();
    }

    private static ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model("gpt-4.1-mini").addUserMessage("refactor the parser");
    }

    @Test
    void openAiSdkReadsItsAnswerWholeAndStreamedAndItKeepsWhatItReceived() throws Exception {
        try (FakeChatCompletionsServer server = FakeChatCompletionsServer.start("Done - it works.")) {
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
            OpenAIClient client = client(server);
            ChatCompletion whole = client.chat().completions().create(params().build());
            assertThat(whole.choices().get(0).message().content()).contains("Done - it works.");
            assertThat(whole.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            assertThat(whole.model()).isEqualTo("gpt-4.1-mini");

            ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    params().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                stream.stream().forEach(acc::accumulate);
            }
            ChatCompletion streamed = acc.chatCompletion();
            assertThat(streamed.choices().get(0).message().content()).contains("Done - it works.");
            assertThat(streamed.usage().orElseThrow().completionTokens()).isPositive();
            client.close();

            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(0).stream()).isFalse();
            assertThat(server.received().get(1).stream()).isTrue();
            assertThat(server.received().get(0).body()).contains("\"refactor the parser\"");
        }
    }

    @Test
    void whatIsNotAChatCompletionsRequestGetsAnOpenAiError() throws Exception {
        try (FakeChatCompletionsServer server = FakeChatCompletionsServer.start("x")) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> anthropicShaped = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"system\":\"s\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anthropicShaped.statusCode()).isEqualTo(400);
            assertThat(anthropicShaped.body()).contains("\"error\"").contains("messages");
            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            assertThat(server.received()).isEmpty();
        }
    }
}
