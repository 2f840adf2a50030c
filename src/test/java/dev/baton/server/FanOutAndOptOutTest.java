package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parallel subagents through a rate limit, bounded waiting for a lone deployment, and the per-request opt-out. */
class FanOutAndOptOutTest extends TwoFakes {
    // field notes 29: a fan-out of parallel subagents survives the primary's 429s, none of them sees one
    @Test
    void twelveParallelSubagentsAllSurviveThePrimaryRateLimit() throws Exception {
        primary.always(Fault.rateLimited(Duration.ofSeconds(30)));
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary, "order: 1")
                .anthropic("claude-sonnet", "secondary", secondary, "order: 2")
                .start();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                boolean stream = i % 2 == 0;
                calls.add(pool.submit(() -> gw.post("/v1/messages", Wire.message("claude-sonnet", stream))));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
            }
            assertThat(secondary.requestCount()).isEqualTo(12);
            // once cooled, the primary is skipped: only the requests that raced the first 429 reached it
            assertThat(primary.requestCount()).isBetween(1, 12);
        }
    }

    // field notes 29: with nothing else to go to, a short Retry-After is waited out (bounded by max_wait and num_retries)
    @Test
    void aLoneDeploymentIsWaitedForWhenItsRetryAfterIsWithinMaxWait() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .router("num_retries", "2").router("cooldown_time", "0.2")
                .baton("max_wait", "5")
                .start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("2");
            assertThat(primary.requestCount()).isEqualTo(2);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRetryAfterBeyondMaxWaitIsAnsweredAtOnceWith429() throws Exception {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(60)));
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .router("num_retries", "2").baton("max_wait", "5")
                .start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(r.headers().firstValue("retry-after").orElseThrow())).isBetween(55, 60);
            assertThat(primary.requestCount()).isEqualTo(1);
        }
    }

    // field notes 26: the per-request opt-out is honoured, and the LiteLLM field never reaches the upstream
    @Test
    void disableFallbacksKeepsTheRequestInItsOwnGroup() throws Exception {
        primary.always(Fault.rateLimited(Duration.ofSeconds(30)));
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("backup", "secondary", secondary)
                .router("fallbacks", "[{\"claude-sonnet\": [\"backup\"]}]")
                .start()) {
            String optedOut = Wire.message("claude-sonnet", false).replaceFirst("\\{", "{\"disable_fallbacks\":true,");
            HttpResponse<String> r = gw.post("/v1/messages", optedOut);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(secondary.requestCount()).isZero();
            assertThat(primary.takeRequest().json().has("disable_fallbacks")).isFalse();

            HttpResponse<String> withFallbacks = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
            assertThat(withFallbacks.statusCode()).isEqualTo(200);
            assertThat(withFallbacks.headers().firstValue("x-baton-deployment")).hasValue("secondary");
        }
    }
}
