package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.canonical.Usage;
import dev.baton.store.UsageRecord;
import dev.baton.testing.Fault;
import dev.baton.testing.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One usage record per request, with its path through the deployments, tokens and cost, streamed or not. */
class UsageRecordsTest extends PrimaryAndSecondary {
    /** claude-sonnet-4-5 by the default price table. */
    static double sonnetCost(long input, long output) {
        return input * 3e-6 + output * 15e-6;
    }

    private static long inputTokens(RecordedRequest r) {
        return Math.max(1, r.bodyBytes().length / 4); // what the fake reports
    }

    @Test
    void wholeAndStreamedAnswersAreRecordedWithTokensCostAndTiming() {
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-claude-code-session-id", "sess-1").statusCode()).isEqualTo(200);
        long wholeInput = inputTokens(primary.takeRequest());
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", true), "x-claude-code-session-id", "sess-1").statusCode()).isEqualTo(200);
        long streamInput = inputTokens(primary.takeRequest());

        List<UsageRecord> rs = gw.records(2);
        UsageRecord whole = rs.get(0);
        assertThat(whole.stream()).isFalse();
        assertThat(whole.session()).isEqualTo("sess-1");
        assertThat(whole.requestedModel()).isEqualTo("claude-sonnet");
        assertThat(whole.modelGroup()).isEqualTo("claude-sonnet");
        assertThat(whole.deployment()).isEqualTo("primary");
        assertThat(whole.provider()).isEqualTo("anthropic");
        assertThat(whole.upstreamModel()).isEqualTo(TestGateway.UPSTREAM_MODEL);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.attempts()).isEqualTo(1);
        assertThat(whole.attemptPath()).isEqualTo("primary: ok");
        assertThat(whole.ttftMs()).isNull();
        assertThat(whole.usage()).isEqualTo(new Usage(wholeInput, 4, 0, 0, 0)); // "Hello from primary": 18 chars / 4
        assertThat(whole.costUsd()).isCloseTo(sonnetCost(wholeInput, 4), within(1e-12));
        assertThat(whole.keyHash()).isNull();

        UsageRecord stream = rs.get(1);
        assertThat(stream.stream()).isTrue();
        assertThat(stream.ttftMs()).isNotNull().isLessThanOrEqualTo(stream.latencyMs());
        // message_start says output 1, message_delta the final 4: the final cumulative count wins
        assertThat(stream.usage()).isEqualTo(new Usage(streamInput, 4, 0, 0, 0));
        assertThat(stream.costUsd()).isCloseTo(sonnetCost(streamInput, 4), within(1e-12));
    }

    @Test
    void fallbackPathAndNotServedRequestsAreRecordedToo() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", true)).statusCode()).isEqualTo(200);
        secondary.always(Fault.overloaded());
        HttpResponse<String> refused = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
        assertThat(refused.statusCode()).isEqualTo(529);

        List<UsageRecord> rs = gw.records(2);
        assertThat(rs.get(0).deployment()).isEqualTo("secondary");
        assertThat(rs.get(0).attempts()).isEqualTo(2);
        assertThat(rs.get(0).attemptPath()).isEqualTo("primary: rate limited (429), retry after 30 s > secondary: ok");
        assertThat(rs.get(0).costUsd()).isPositive();

        UsageRecord notServed = rs.get(1);
        assertThat(notServed.status()).isEqualTo(529);
        assertThat(notServed.deployment()).isNull();
        assertThat(notServed.attempts()).isEqualTo(1); // the primary is cooling: only the secondary was tried
        assertThat(notServed.attemptPath()).startsWith("secondary: overloaded (529)");
        assertThat(notServed.costUsd()).isZero();
        assertThat(notServed.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void countTokensAndModelListingAreNotRecorded() {
        gw.post("/v1/messages/count_tokens", "{\"model\":\"claude-sonnet\",\"messages\":[]}");
        gw.get("/v1/models");
        gw.post("/v1/messages", Wire.message("claude-sonnet", false));
        assertThat(gw.records(1)).hasSize(1);
        assertThat(gw.gateway.metering().store().count()).isEqualTo(1);
    }

    @Test
    void statsReportSpendByModel() {
        gw.post("/v1/messages", Wire.message("claude-sonnet", false));
        gw.post("/v1/messages", Wire.message("claude-sonnet", true));
        gw.records(2);
        HttpResponse<String> r = gw.get("/stats?by=model&since=1h");
        assertThat(r.statusCode()).isEqualTo(200);
        var json = Wire.json(r.body());
        assertThat(json.path("requests").asLong()).isEqualTo(2);
        assertThat(json.path("rows").get(0).path("name").asString()).isEqualTo(TestGateway.UPSTREAM_MODEL);
        assertThat(json.path("total_cost_usd").asDouble()).isPositive();
        assertThat(json.path("usage_writer").path("dropped").asLong()).isZero();
        assertThat(gw.get("/stats?by=galaxy").statusCode()).isEqualTo(400);
    }
}
