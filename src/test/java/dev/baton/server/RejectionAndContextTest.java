package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request the upstream refuses is the caller's problem and never cascades; a too-long prompt is not (F20, F27). */
class RejectionAndContextTest extends TwoFakes {
    static final String TOO_LONG = "prompt is too long: 250000 tokens > 200000 maximum";

    FakeAnthropic big;

    @BeforeEach
    void startBig() {
        big = FakeAnthropic.start("big");
    }

    @AfterEach
    void closeBig() {
        big.close();
    }

    private TestGateway gateway() {
        return TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary)
                .anthropic("claude-sonnet-1m", "big", big)
                .router("context_window_fallbacks", "[{\"claude-sonnet\": [\"claude-sonnet-1m\"]}]")
                .start();
    }

    // F27
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void malformedRequest400IsReturnedAsIsAndNoFallbackIsTried(boolean stream) throws Exception {
        primary.enqueue(Fault.status(400, "invalid_request_error", "messages.0.content: Field required"));
        try (TestGateway gw = gateway()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Wire.errorType(r)).isEqualTo("invalid_request_error");
            assertThat(Wire.errorMessage(r)).isEqualTo("messages.0.content: Field required");
            assertThat(Wire.json(r.body()).path("request_id").asString()).startsWith("req_"); // the upstream's own body
            assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("1");
            assertThat(secondary.requestCount()).isZero();
            assertThat(big.requestCount()).isZero();
        }
    }

    @Test
    void malformedRequest400DoesNotCoolTheDeployment() throws Exception {
        primary.enqueue(Fault.status(400, "invalid_request_error", "tools.0.name: String should match pattern"));
        try (TestGateway gw = gateway()) {
            gw.post("/v1/messages", Wire.message("claude-sonnet", false));
            HttpResponse<String> next = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
            assertThat(next.headers().firstValue("x-baton-deployment")).hasValue("primary");
            assertThat(primary.requestCount()).isEqualTo(2);
        }
    }

    // F20
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void promptTooLongFallsBackToTheContextWindowFallbackGroup(boolean stream) throws Exception {
        primary.enqueue(Fault.status(400, "invalid_request_error", TOO_LONG));
        secondary.enqueue(Fault.status(400, "invalid_request_error", TOO_LONG));
        try (TestGateway gw = gateway()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("big");
            assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("3");
            assertThat(big.takeRequest().json().path("model").asString()).isEqualTo(TestGateway.UPSTREAM_MODEL);
        }
    }

    @Test
    void promptTooLongEverywhereIsA400InvalidRequestErrorSayingSo() throws Exception {
        primary.always(Fault.status(400, "invalid_request_error", TOO_LONG));
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary).start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Wire.errorType(r)).isEqualTo("invalid_request_error");
            assertThat(Wire.errorMessage(r)).contains("prompt is too long");
        }
    }
}
