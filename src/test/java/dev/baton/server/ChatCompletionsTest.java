package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.baton.testing.AnthropicReply;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The official OpenAI Java SDK against Baton's `/v1/chat/completions`, with Anthropic fakes behind it. */
class ChatCompletionsTest extends PrimaryAndSecondary {
    static final String MASTER = "sk-baton-openai-master";

    OpenAIClient client;

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.masterKey(MASTER);
    }

    @BeforeEach
    void client() {
        client = gw.openAiSdk(MASTER);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static ChatCompletionFunctionTool readTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("Read").description("Reads a file")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("path", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(java.util.List.of("path"))).build()).build()).build();
    }

    @Test
    void a_whole_answer_from_anthropic_reads_as_a_chat_completion() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-sonnet").addSystemMessage("Be brief.").addUserMessage("Hello").build());

        assertThat(c.choices().get(0).message().content()).hasValue("Hello from primary");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(c.usage().orElseThrow().promptTokens()).isPositive();
        JsonNode sent = Wire.json(primary.takeRequest().body());
        assertThat(sent.path("system").asString()).isEqualTo("Be brief.");
        assertThat(sent.path("max_tokens").asInt()).isPositive(); // Anthropic requires it, OpenAI callers may omit it
    }

    @Test
    void a_streamed_answer_accumulates_into_the_same_completion() {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model("claude-sonnet").addUserMessage("Hello")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            s.stream().forEach(acc::accumulate);
        }
        ChatCompletion c = acc.chatCompletion();
        assertThat(c.choices().get(0).message().content()).hasValue("Hello from primary");
        assertThat(c.usage().orElseThrow().completionTokens()).isPositive();
    }

    @Test
    void a_tool_loop_round_trips_through_anthropic_with_ids_paired_one_to_one() {
        primary.reply(AnthropicReply.toolUse("toolu_01ABC", "Read", "{\"path\":\"a.txt\"}"));
        ChatCompletionCreateParams.Builder first = ChatCompletionCreateParams.builder().model("claude-sonnet")
                .addUserMessage("Read a.txt").addTool(readTool());
        ChatCompletion c = client.chat().completions().create(first.build());
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("Read");
        assertThat(Wire.json(call.function().arguments()).path("path").asString()).isEqualTo("a.txt");

        primary.reply(AnthropicReply.text("a.txt says hi"));
        ChatCompletion second = client.chat().completions().create(first
                .addMessage(ChatCompletionAssistantMessageParam.builder().addToolCall(ChatCompletionMessageToolCall.ofFunction(call)).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("hi").build())
                .build());

        assertThat(second.choices().get(0).message().content()).hasValue("a.txt says hi");
        primary.takeRequest();
        JsonNode sent = Wire.json(primary.takeRequest().body());
        JsonNode toolUse = sent.path("messages").get(1).path("content").get(0);
        JsonNode toolResult = sent.path("messages").get(2).path("content").get(0);
        assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
        assertThat(toolResult.path("tool_use_id").asString()).isEqualTo(toolUse.path("id").asString()).isEqualTo("toolu_01ABC");
    }

    @Test
    void fallback_before_the_first_byte_is_invisible_to_openai_callers_too() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-sonnet").addUserMessage("Hello").build());
        assertThat(c.choices().get(0).message().content()).hasValue("Hello from secondary");
    }

    /** Valid JSON the parser will not read (a 2,000-digit number) is refused as the caller's error, not Baton's. */
    @Test
    void a_body_only_a_full_parse_could_refuse_is_a_400_in_openais_shape() {
        String body = "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"seed\":"
                + "1".repeat(2000) + "}";
        HttpResponse<String> r = gw.post("/v1/chat/completions", body, "authorization", "Bearer " + MASTER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Wire.json(r.body()).path("error").path("message").asString()).contains("request body cannot be read");
        assertThat(primary.requestCount() + secondary.requestCount()).isZero();
    }

    @Test
    void errors_come_in_openais_shape() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-nonexistent").addUserMessage("Hello").build()))
                .isInstanceOf(NotFoundException.class);

        primary.always(Fault.rateLimited(Duration.ofSeconds(30)));
        secondary.always(Fault.rateLimited(Duration.ofSeconds(30)));
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-sonnet").addUserMessage("Hello").build()))
                .isInstanceOf(RateLimitException.class);

        HttpResponse<String> bad = gw.post("/v1/chat/completions", "{not json", "authorization", "Bearer " + MASTER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Wire.json(bad.body()).path("error").path("message").asString()).contains("JSON");
        assertThat(Wire.json(bad.body()).has("type")).isFalse(); // OpenAI's shape, not Anthropic's

        HttpResponse<String> noKey = gw.post("/v1/chat/completions", "{}");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(Wire.json(noKey.body()).path("error").path("type").asString()).isNotEmpty();
        assertThat(Wire.json(noKey.body()).has("type")).isFalse();
    }

    @Test
    void invalid_tool_arguments_from_the_caller_are_a_400_in_its_dialect_and_never_reach_an_upstream() {
        String body = "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{broken\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"x\"}]}";
        HttpResponse<String> r = gw.post("/v1/chat/completions", body, "authorization", "Bearer " + MASTER);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r.body()).path("error").path("message").asString()).isNotBlank();
        assertThat(primary.requestCount()).isZero();
        assertThat(secondary.requestCount()).isZero();
    }
}
