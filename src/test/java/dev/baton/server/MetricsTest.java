package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** `GET /metrics` in Prometheus text format; the names are those docs/metrics.md lists. */
class MetricsTest extends PrimaryAndSecondary {

    @Test
    void requestsLatencyTokensSpendFallbacksCooldownsAndTheWriterAreExposed() {
        gw.post("/v1/messages", Wire.message("claude-sonnet", true));
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        gw.post("/v1/messages", Wire.message("claude-sonnet", false));
        gw.records(2);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape()).contains("baton_fallbacks_total{"));
        String m = scrape();
        assertThat(m).contains("baton_requests_total{deployment=\"primary\",group=\"claude-sonnet\",status=\"200\"} 1.0");
        assertThat(m).contains("baton_requests_total{deployment=\"secondary\",group=\"claude-sonnet\",status=\"200\"} 1.0");
        assertThat(m).contains("baton_request_duration_seconds_bucket{deployment=\"primary\",group=\"claude-sonnet\",le=\"0.05\"}");
        assertThat(m).contains("baton_time_to_first_token_seconds_count{deployment=\"primary\",group=\"claude-sonnet\"} 1");
        assertThat(m).contains("baton_overhead_seconds_count 2");
        assertThat(m).contains("baton_tokens_total{deployment=\"primary\",group=\"claude-sonnet\",type=\"output\"} 4.0");
        assertThat(m).contains("baton_tokens_total{deployment=\"primary\",group=\"claude-sonnet\",type=\"input\"}");
        assertThat(m).contains("baton_spend_usd_total{deployment=\"primary\",group=\"claude-sonnet\",provider=\"anthropic\"}");
        assertThat(m).contains("baton_fallbacks_total{from=\"primary\",group=\"claude-sonnet\",reason=\"rate limited (429)\",to=\"secondary\"} 1.0");
        assertThat(m).contains("baton_deployment_cooling{deployment=\"primary\"} 1.0");
        assertThat(m).contains("baton_deployment_cooling{deployment=\"secondary\"} 0.0");
        assertThat(m).contains("baton_usage_queue_depth 0.0");
        assertThat(m).contains("baton_usage_dropped_total 0.0");
        assertThat(m).contains("baton_usage_written_total 2.0");
        assertThat(m).contains("baton_usage_lost_at_start 0.0");
        assertThat(m).contains("baton_cache_hit_ratio 0.0");
    }

    private String scrape() {
        HttpResponse<String> r = gw.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        return r.body();
    }
}
