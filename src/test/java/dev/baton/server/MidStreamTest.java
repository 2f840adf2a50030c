package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After the first content byte a fallback would be visible, so a broken or stalled upstream ends the client's stream
 * with Anthropic's `overloaded_error` event (F25); quiet streams get `event: ping` (F43).
 */
class MidStreamTest extends TwoFakes {
    /** The fake's stream: message_start, content_block_start, ping, delta, delta, delta, ...; 4 = after the first delta. */
    static final int AFTER_FIRST_DELTA = 4;

    private TestGateway.Builder gateway() {
        return TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary);
    }

    // F25
    @Test
    void resetAfterContentEndsTheStreamWithAnOverloadedErrorEvent() throws Exception {
        primary.enqueue(Fault.resetMidStream(AFTER_FIRST_DELTA));
        try (TestGateway gw = gateway().start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));

            assertThat(r.statusCode()).isEqualTo(200);
            List<Wire.Event> events = Wire.events(r.body());
            assertThat(Wire.types(r.body())).containsSubsequence("message_start", "content_block_delta", "error")
                    .doesNotContain("message_stop");
            Wire.Event last = events.get(events.size() - 1);
            assertThat(last.type()).isEqualTo("error");
            assertThat(last.json().path("error").path("type").asString()).isEqualTo("overloaded_error");
            assertThat(secondary.requestCount()).as("no fallback after content").isZero();
        }
    }

    // F25
    @Test
    void stallAfterContentEndsTheStreamWithAnOverloadedErrorEventAfterIdleTimeout() throws Exception {
        primary.enqueue(Fault.stallMidStream(AFTER_FIRST_DELTA, Duration.ofSeconds(10)));
        try (TestGateway gw = gateway().baton("idle_timeout", "1").start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));

            List<Wire.Event> events = Wire.events(r.body());
            Wire.Event last = events.get(events.size() - 1);
            assertThat(last.type()).isEqualTo("error");
            assertThat(last.json().path("error").path("type").asString()).isEqualTo("overloaded_error");
            assertThat(last.json().path("error").path("message").asString()).contains("stalled");
            assertThat(Wire.streamedText(r.body())).isNotEmpty();
            assertThat(secondary.requestCount()).isZero();
        }
    }

    @Test
    void inStreamErrorAfterContentIsPassedOnOnceWithoutFallback() throws Exception {
        // in-stream error after content is the upstream's own event and is passed on as is
        primary.enqueue(Fault.inStreamError(AFTER_FIRST_DELTA, "overloaded_error", "Overloaded"));
        try (TestGateway gw = gateway().start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));
            List<Wire.Event> events = Wire.events(r.body());
            assertThat(events.get(events.size() - 1).type()).isEqualTo("error");
            assertThat(events.stream().filter(e -> "error".equals(e.type())).count()).isEqualTo(1);
            assertThat(secondary.requestCount()).isZero();
        }
    }

    // F43
    @Test
    void pingsKeepTheLineAliveBeforeTheFirstByteAndTheStreamStillCompletes() throws Exception {
        primary.enqueue(Fault.stallBeforeFirstByte(Duration.ofMillis(2500)));
        try (TestGateway gw = gateway().baton("ping_interval", "1").baton("first_byte_timeout", "10")
                .baton("idle_timeout", "10").start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));

            assertThat(r.statusCode()).isEqualTo(200);
            List<String> types = Wire.types(r.body());
            assertThat(types.get(0)).isEqualTo("ping");
            assertThat(types).containsSubsequence("ping", "message_start", "message_stop");
            assertThat(types.get(types.size() - 1)).isEqualTo("message_stop");
            assertThat(Wire.streamedText(r.body())).isEqualTo("Hello from primary");
            assertThat(r.body()).contains("event: ping\ndata: {\"type\": \"ping\"}\n\n");
        }
    }

    // F43
    @Test
    void pingsKeepTheLineAliveDuringAMidStreamSilence() throws Exception {
        primary.enqueue(Fault.stallMidStream(AFTER_FIRST_DELTA, Duration.ofMillis(2500)));
        try (TestGateway gw = gateway().baton("ping_interval", "1").baton("idle_timeout", "10").start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));

            List<String> types = Wire.types(r.body());
            int firstDelta = types.indexOf("content_block_delta");
            int nextDelta = types.subList(firstDelta + 1, types.size()).indexOf("content_block_delta") + firstDelta + 1;
            assertThat(types.subList(firstDelta, nextDelta)).contains("ping");
            assertThat(types.get(types.size() - 1)).isEqualTo("message_stop");
            assertThat(Wire.streamedText(r.body())).isEqualTo("Hello from primary");
        }
    }

    @Test
    void afterPingsWereSentAFailedChainEndsWithAnErrorEventInsteadOfAStatus() throws Exception {
        primary.enqueue(Fault.stallBeforeFirstByte(Duration.ofMillis(1800)));
        secondary.enqueue(Fault.stallBeforeFirstByte(Duration.ofMillis(1800)));
        try (TestGateway gw = gateway().baton("ping_interval", "500ms").baton("first_byte_timeout", "1").start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));

            assertThat(r.statusCode()).isEqualTo(200); // committed by the pings
            List<Wire.Event> events = Wire.events(r.body());
            assertThat(events.get(0).type()).isEqualTo("ping");
            Wire.Event last = events.get(events.size() - 1);
            assertThat(last.type()).isEqualTo("error");
            assertThat(last.json().path("error").path("type").asString()).isNotBlank();
        }
    }
}
