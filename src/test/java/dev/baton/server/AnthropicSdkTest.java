package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.baton.testing.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK, retries off, against Baton: what real clients see. */
class AnthropicSdkTest extends PrimaryAndSecondary {
    static final String MASTER = "sk-baton-sdk-master";

    AnthropicClient client;

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.masterKey(MASTER);
    }

    @BeforeEach
    void client() {
        client = gw.sdk(MASTER);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("Hello").build();
    }

    @Test
    void nonStreamingMessage() {
        Message m = client.messages().create(params("claude-sonnet"));
        assertThat(m.content().get(0).asText().text()).isEqualTo("Hello from primary");
        assertThat(primary.takeRequest().header("x-api-key")).isEqualTo("sk-test-primary");
    }

    @Test
    void streamingMessageAccumulatesText() {
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params("claude-sonnet-4-5-20250929"))) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(m.content().get(0).asText().text()).isEqualTo("Hello from primary");
        assertThat(m.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("end_turn"));
    }

    // G29: the 429 stays inside Baton
    @Test
    void rateLimitOnThePrimaryIsNeverSeenByTheSdk() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        Message m = client.messages().create(params("claude-sonnet"));
        assertThat(m.content().get(0).asText().text()).isEqualTo("Hello from secondary");

        primary.reset();
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params("claude-sonnet"))) {
            s.stream().forEach(acc::accumulate);
        }
        assertThat(acc.message().content().get(0).asText().text()).isEqualTo("Hello from secondary");
        assertThat(primary.requestCount()).as("primary is cooling").isZero();
    }

    // E21
    @Test
    void countTokens() {
        MessageTokensCount count = client.messages().countTokens(
                MessageCountTokensParams.builder().model("claude-sonnet").addUserMessage("Count me").build());
        assertThat(count.inputTokens()).isPositive();
    }

    // G28, G32
    @Test
    void everythingRateLimitedSurfacesAsRateLimitExceptionWithRetryAfter() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(4)));
        secondary.enqueue(Fault.rateLimited(Duration.ofSeconds(4)));
        assertThatThrownBy(() -> client.messages().create(params("claude-sonnet")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).singleElement()
                            .satisfies(v -> assertThat(Long.parseLong(v)).isGreaterThanOrEqualTo(1));
                    assertThat(e.headers().values("anthropic-ratelimit-requests-remaining")).containsExactly("0");
                });
    }

    @Test
    void refusedRequestSurfacesAsBadRequestException() {
        primary.enqueue(Fault.status(400, "invalid_request_error", "messages.0: bad"));
        assertThatThrownBy(() -> client.messages().create(params("claude-sonnet")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("messages.0: bad"));
        assertThat(secondary.requestCount()).isZero();
    }

    @Test
    void unknownModelSurfacesAsNotFoundException() {
        assertThatThrownBy(() -> client.messages().create(params("gpt-4o"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void wrongMasterKeySurfacesAsAuthenticationException() {
        AnthropicClient wrong = gw.sdk("sk-wrong");
        try {
            assertThatThrownBy(() -> wrong.messages().create(params("claude-sonnet"))).isInstanceOf(UnauthorizedException.class);
        } finally {
            wrong.close();
        }
    }
}
