package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.UsageRecord;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A key's budget holds under parallel requests, streamed or not, on every route (field notes 39). Each answer here
 * costs exactly $0.64 (64 output tokens at $0.01; input nearly free), which is also what a request reserves
 * (`max_tokens` 64), so a $3.00 budget admits exactly four: without reservations ten parallel requests would all see
 * a spend of $0 and pass.
 */
class BudgetTest extends PrimaryAndSecondary {
    static final String MASTER = "sk-master-budget-77";

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return TestGateway.builder(dir).masterKey(MASTER)
                .anthropic("claude-sonnet", "primary", primary, "input_cost_per_token: 1.0e-9", "output_cost_per_token: 0.01")
                .anthropic("claude-sonnet", "secondary", secondary, "input_cost_per_token: 1.0e-9", "output_cost_per_token: 0.01");
    }

    String key(String body) {
        HttpResponse<String> r = gw.post("/key/generate", body, "x-api-key", MASTER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r.body()).path("key").asString();
    }

    @Test
    void tenParallelRequestsCannotOvershootTheBudget() throws Exception {
        primary.replyText("x".repeat(256)); // 64 output tokens
        primary.always(Fault.slow(Duration.ofMillis(30))); // all ten are in flight together
        String key = key("{\"max_budget\":3.0,\"budget_duration\":\"30d\"}");
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                boolean stream = i % 2 == 0;
                calls.add(pool.submit(() -> gw.post("/v1/messages", Wire.message("claude-sonnet", stream), "x-api-key", key)));
            }
            for (Future<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get();
                statuses.add(r.statusCode());
                if (r.statusCode() != 200) {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(Wire.errorMessage(r)).startsWith("Budget has been exceeded! Current cost: ").contains("Max budget: 3.0");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(4);
        double spent = gw.records(4).stream().mapToDouble(UsageRecord::costUsd).sum();
        assertThat(spent).isLessThanOrEqualTo(3.0).isGreaterThan(2.5);

        // settled, not merely reserved: the key's spend is the four answers, and a fifth is still refused
        assertThat(Wire.json(gw.get("/key/info?key=" + key, "x-api-key", MASTER).body()).path("info").path("spend").asDouble())
                .isEqualTo(spent, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", key).statusCode()).isEqualTo(400);
        assertThat(gw.get("/metrics").body()).contains("baton_key_limit_refusals_total{limit=\"budget\"}");
    }

    @Test
    void aRequestThatWasNotServedGivesItsReservationBack() {
        String key = key("{\"max_budget\":0.7}"); // room for one reservation at a time
        primary.enqueue(Fault.status(400, "invalid_request_error", "messages: bad"));
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", key).statusCode()).isEqualTo(400);
        primary.enqueue(Fault.resetMidStream(3)); // served, then broken: it costs what it had used
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", true), "x-api-key", key).statusCode()).isEqualTo(200);
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true), "x-api-key", key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
