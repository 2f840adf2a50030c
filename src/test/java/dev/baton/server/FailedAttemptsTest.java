package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.routing.DeploymentHealth;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What counts against a deployment and what does not: broken streams after their first content, answers that are
 * not answers, failures that waiting cannot cure; and what the caller is told about them.
 */
class FailedAttemptsTest extends TwoFakes {

    private TestGateway.Builder gateway() {
        return TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary)
                .router("allowed_fails", "3").router("cooldown_time", "30");
    }

    private static HttpResponse<String> post(TestGateway gw, boolean stream) {
        return gw.post("/v1/messages", Wire.message("claude-sonnet", stream), "x-claude-code-session-id", UUID.randomUUID().toString());
    }

    @Test
    void streamsThatBreakAfterTheirFirstContentCoolTheDeploymentOnceAllowedFailsArePassed() throws Exception {
        primary.always(Fault.resetMidStream(MidStreamTest.AFTER_FIRST_DELTA));
        try (TestGateway gw = gateway().start()) {
            int broken = 0;
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = post(gw, true);
                if (Wire.types(r.body()).contains("error")) broken++;
                else assertThat(Wire.types(r.body())).contains("message_stop");
            }
            assertThat(broken).as("allowed_fails 3: the fourth broken stream cools the primary").isEqualTo(4);
            assertThat(primary.requestCount()).isEqualTo(4);
            assertThat(gw.state("primary")).isEqualTo(DeploymentHealth.State.COOLING);
        }
    }

    @Test
    void requestsThatStallBeforeTheirFirstByteStreamedOrNotCoolTheDeployment() throws Exception {
        primary.always(Fault.stallBeforeFirstByte(Duration.ofSeconds(10)));
        try (TestGateway gw = gateway().baton("first_byte_timeout", "0.3").start()) {
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> r = post(gw, i % 2 == 0); // one first-byte rule for whole answers and streams
                assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
            }
            assertThat(primary.requestCount()).as("waited out four times, then passed over").isEqualTo(4);
            assertThat(gw.state("primary")).isEqualTo(DeploymentHealth.State.COOLING);
        }
    }

    @Test
    void a200ThatIsNotAnAnswerFallsBackStreamedOrNot() throws Exception {
        try (TestGateway gw = gateway().start()) {
            primary.enqueue(Fault.wrongBody("{\"garbage\":true}"));
            HttpResponse<String> whole = post(gw, false);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.headers().firstValue("x-baton-deployment")).hasValue("secondary");
            assertThat(Wire.json(whole.body()).path("type").asString()).isEqualTo("message");

            primary.enqueue(Fault.wrongBody("{\"garbage\":true}"));
            HttpResponse<String> streamed = post(gw, true);
            assertThat(streamed.headers().firstValue("x-baton-deployment")).hasValue("secondary");
            assertThat(Wire.types(streamed.body())).contains("message_stop");
        }
    }

    @Test
    void anOpenAiCompatible200CarryingAnErrorObjectFallsBack() throws Exception {
        try (FakeOpenAi first = FakeOpenAi.start("first"); FakeOpenAi second = FakeOpenAi.start("second");
             TestGateway gw = TestGateway.builder(dir).openai("gpt", "first", first).openai("gpt", "second", second).start()) {
            first.enqueue(Fault.wrongBody("{\"error\":{\"message\":\"upstream busy\",\"type\":\"server_error\"}}"));
            HttpResponse<String> r = gw.post("/v1/chat/completions",
                    "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("second");
            assertThat(Wire.json(r.body()).path("choices").isArray()).isTrue();
        }
    }

    @Test
    void missingCallerCredentialsAreNotRetriedAndSaidOnce() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir)
                .deployment("claude-sonnet", "subscription", "anthropic/" + TestGateway.UPSTREAM_MODEL, primary.baseUrl(), "passthrough")
                .router("num_retries", "3").start()) {
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            String message = Wire.errorMessage(r);
            assertThat(message.split("sent none", -1)).as(message).hasSize(2);
            assertThat(r.headers().firstValue("x-baton-attempts")).hasValue("1");
            assertThat(r.headers().firstValue("x-baton-wait-ms")).as("nothing to wait for").isEmpty();
            assertThat(primary.requestCount()).isZero();
        }
    }

    @Test
    void timeSpentWaitingForACooledDeploymentIsReportedApartFromBatonsOverhead() throws Exception {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary)
                .router("num_retries", "2").router("cooldown_time", "1").baton("max_wait", "5").start()) {
            HttpResponse<String> r = post(gw, false);
            assertThat(r.statusCode()).isEqualTo(200);
            double wait = Double.parseDouble(r.headers().firstValue("x-baton-wait-ms").orElseThrow());
            double overhead = Double.parseDouble(r.headers().firstValue("x-baton-overhead-ms").orElseThrow());
            assertThat(wait).isGreaterThan(500);
            assertThat(overhead).isLessThan(wait);
        }
    }
}
