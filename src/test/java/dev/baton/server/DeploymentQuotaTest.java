package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A deployment's own `rpm` (LiteLLM's per-deployment limit) sends the rest of the minute's requests elsewhere. */
class DeploymentQuotaTest extends TwoFakes {

    @Test
    void requests_beyond_a_deployments_rpm_go_to_the_next_one_without_asking_it() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary, "rpm: 2")
                .anthropic("claude-sonnet", "secondary", secondary).start()) {
            for (int i = 0; i < 2; i++) {
                assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false)).headers().firstValue("x-baton-deployment"))
                        .hasValue("primary");
            }
            HttpResponse<String> third = gw.post("/v1/messages", Wire.message("claude-sonnet", false));

            assertThat(third.statusCode()).isEqualTo(200);
            assertThat(third.headers().firstValue("x-baton-deployment")).hasValue("secondary");
            assertThat(primary.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void once_a_minutes_tokens_reach_the_tpm_the_deployment_is_passed_over() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary, "tpm: 5")
                .anthropic("claude-sonnet", "secondary", secondary).start()) {
            HttpResponse<String> first = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
            HttpResponse<String> second = gw.post("/v1/messages", Wire.message("claude-sonnet", false));

            assertThat(first.headers().firstValue("x-baton-deployment")).hasValue("primary");
            assertThat(second.headers().firstValue("x-baton-deployment")).hasValue("secondary");
            assertThat(primary.requestCount()).isEqualTo(1);
        }
    }
}
