package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every fault of the fake upstream's menu, drawn at random on a primary, with one healthy deployment behind it and a
 * passthrough deployment without caller credentials in between: while one deployment is healthy, every request
 * succeeds, streamed or not. (A stream that breaks after its content began cannot be saved by anyone; those faults
 * strike whole answers here, which Baton reads as streams and can still move on unseen, see MidStreamTest.)
 */
class ChaosTest extends TwoFakes {
    private static final long SEED = 20261204L;

    @Test
    void everyRequestSucceedsWhileOneDeploymentIsHealthy() throws Exception {
        Map<String, Supplier<Fault>> beforeContent = new LinkedHashMap<>();
        beforeContent.put("429 with retry-after", () -> Fault.rateLimited(Duration.ofMillis(200)));
        beforeContent.put("429 without retry-after", Fault::rateLimitedNoRetryAfter);
        beforeContent.put("500", () -> Fault.serverError(500));
        beforeContent.put("503", () -> Fault.serverError(503));
        beforeContent.put("529", Fault::overloaded);
        beforeContent.put("reset before headers", Fault::resetBeforeHeaders);
        beforeContent.put("stalled first byte", () -> Fault.stallBeforeFirstByte(Duration.ofSeconds(5)));
        beforeContent.put("malformed", Fault::malformed);
        beforeContent.put("200 that is not an answer", () -> Fault.wrongBody("{\"garbage\":true}"));
        beforeContent.put("error event before content", () -> Fault.inStreamError(1, "overloaded_error", "Overloaded"));
        beforeContent.put("slow but within limits", () -> Fault.slow(Duration.ofMillis(20)));
        Map<String, Supplier<Fault>> afterContent = Map.of(
                "reset mid-body", () -> Fault.resetMidStream(MidStreamTest.AFTER_FIRST_DELTA),
                "stall mid-body", () -> Fault.stallMidStream(MidStreamTest.AFTER_FIRST_DELTA, Duration.ofSeconds(5)));
        List<String> kinds = new ArrayList<>(beforeContent.keySet());
        kinds.addAll(afterContent.keySet());

        Random random = new Random(SEED);
        Map<String, Integer> drawn = new LinkedHashMap<>();
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .deployment("claude-sonnet", "subscription", "anthropic/" + TestGateway.UPSTREAM_MODEL, primary.baseUrl(), "passthrough")
                .anthropic("claude-sonnet", "secondary", secondary)
                .router("cooldown_time", "0.2").router("allowed_fails", "1000") // keep the primary in play
                .baton("first_byte_timeout", "0.3").baton("idle_timeout", "0.3")
                .start()) {
            for (int i = 0; i < 150; i++) {
                boolean stream = i % 2 == 0;
                String kind = stream ? List.copyOf(beforeContent.keySet()).get(random.nextInt(beforeContent.size()))
                        : kinds.get(random.nextInt(kinds.size()));
                drawn.merge(kind, 1, Integer::sum);
                primary.enqueue(beforeContent.getOrDefault(kind, afterContent.get(kind)).get());
                HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream),
                        "x-claude-code-session-id", "chaos-" + i);
                assertThat(r.statusCode()).as("request %d (%s, %s): %s", i, kind, stream ? "stream" : "whole", r.body()).isEqualTo(200);
                if (stream) {
                    assertThat(Wire.types(r.body())).as("request %d (%s)", i, kind).contains("message_stop").doesNotContain("error");
                    assertThat(Wire.streamedText(r.body())).startsWith("Hello from");
                } else {
                    assertThat(Wire.json(r.body()).path("content").get(0).path("text").asString()).as("request %d (%s)", i, kind)
                            .startsWith("Hello from");
                }
                primary.reset(); // an unused fault must not strike the next request
                Thread.sleep(5);
            }
        }
        assertThat(drawn.keySet()).as("every fault was drawn").containsExactlyInAnyOrderElementsOf(kinds);
    }
}
