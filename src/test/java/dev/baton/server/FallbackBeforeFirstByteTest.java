package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any failure before the first content byte moves the request to the next deployment without the client noticing
 * (field notes 24, 27, 29; DESIGN: fallback before the first byte is invisible).
 */
class FallbackBeforeFirstByteTest extends PrimaryAndSecondary {

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder
                // first_byte_timeout covers streams; request_timeout is what a silent non-streamed answer runs into
                .baton("first_byte_timeout", "1").baton("request_timeout", "2");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("429 with Retry-After", Fault.rateLimited(Duration.ofSeconds(30))),
                Arguments.of("429 without Retry-After", Fault.rateLimitedNoRetryAfter()),
                Arguments.of("529 overloaded", Fault.overloaded()),
                Arguments.of("500 api_error", Fault.serverError(500)),
                Arguments.of("503", Fault.serverError(503)),
                Arguments.of("reset before headers", Fault.resetBeforeHeaders()),
                Arguments.of("stall before first byte", Fault.stallBeforeFirstByte(Duration.ofSeconds(4))),
                Arguments.of("malformed body or event", Fault.malformed()),
                // F24: Anthropic's overloaded_error inside a 200 stream, right after message_start
                Arguments.of("in-stream error before content", Fault.inStreamError(1, "overloaded_error", "Overloaded")),
                Arguments.of("401 from a misconfigured key", Fault.status(401, "authentication_error", "invalid x-api-key")));
    }

    @ParameterizedTest(name = "stream: {0}")
    @MethodSource("faults")
    void streamFallsBackToSecondaryOnFaultBeforeFirstContent(String name, Fault fault) {
        primary.enqueue(fault);
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("2");
        assertThat(Wire.types(r.body())).doesNotContain("error").startsWith("message_start").endsWith("message_stop");
        assertThat(Wire.streamedText(r.body())).isEqualTo("Hello from secondary");
        assertThat(primary.requestCount()).isEqualTo(1);
        assertThat(secondary.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "non-stream: {0}")
    @MethodSource("faults")
    void nonStreamFallsBackToSecondaryOnFaultBeforeAnswer(String name, Fault fault) {
        primary.enqueue(fault);
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("2");
        assertThat(Wire.json(r.body()).path("content").get(0).path("text").asString()).isEqualTo("Hello from secondary");
    }

    @Test
    void secondaryReceivesTheSameBodyAsThePrimary() {
        primary.enqueue(Fault.overloaded());
        gw.post("/v1/messages", Wire.message("claude-sonnet", true));
        assertThat(secondary.takeRequest().json()).isEqualTo(primary.takeRequest().json());
    }
}
