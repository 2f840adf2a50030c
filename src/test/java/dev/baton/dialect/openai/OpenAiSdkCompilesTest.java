package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.baton.testing.FakeOpenAi;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK resolves and talks to the fake as it would to OpenAI (the gateway tests build on it). */
class OpenAiSdkCompilesTest {

    @Test
    void officialSdkReadsTheFakesAnswer() {
        try (FakeOpenAi fake = FakeOpenAi.start("sdk")) {
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl() + "/v1").apiKey("sk-test").maxRetries(0).build();
            ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("gpt-4.1").addUserMessage("Hi").build());
            assertThat(c.choices().get(0).message().content()).contains("Hello from sdk");
            client.close();
        }
    }
}
