package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When no deployment can serve, the client gets a status it knows how to wait on, with the wait in it (G28, G32). */
class NothingAvailableTest extends PrimaryAndSecondary {

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.router("cooldown_time", "1");
    }

    // G28, G32
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void everythingRateLimitedIsA429WithRetryAfterAndRateLimitHeaders(boolean stream) {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(3)));
        secondary.enqueue(Fault.rateLimited(Duration.ofSeconds(5)));
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(Wire.json(r.body()).path("type").asString()).isEqualTo("error");
        assertThat(Wire.errorType(r)).isEqualTo("rate_limit_error");
        assertThat(Long.parseLong(r.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 3L);
        assertThat(r.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
        assertThat(r.headers().firstValue("anthropic-ratelimit-requests-reset")).isPresent();
        assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("2");

        // both are cooling now: answered at once, without asking either
        HttpResponse<String> again = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(again.headers().firstValue("retry-after").orElseThrow())).isGreaterThanOrEqualTo(1);
        assertThat(again.headers().firstValue("x-baton-attempts")).hasValue("0");
        assertThat(Wire.errorMessage(again)).contains("cooling");
        assertThat(primary.requestCount() + secondary.requestCount()).isEqualTo(2);
    }

    // G32
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void everythingOverloadedIsA529OverloadedError(boolean stream) {
        primary.enqueue(Fault.overloaded());
        secondary.enqueue(Fault.overloaded());
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));

        assertThat(r.statusCode()).isEqualTo(529);
        assertThat(Wire.errorType(r)).isEqualTo("overloaded_error");
        assertThat(Long.parseLong(r.headers().firstValue("retry-after").orElseThrow())).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void everythingBrokenIsA5xxApiErrorInAnthropicShape(boolean stream) {
        primary.enqueue(Fault.resetBeforeHeaders());
        secondary.enqueue(Fault.serverError(500));
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));

        assertThat(r.statusCode()).isBetween(500, 599);
        assertThat(Wire.json(r.body()).path("type").asString()).isEqualTo("error");
        assertThat(Wire.errorMessage(r)).contains("primary").contains("secondary");
    }
}
