package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeOpenAi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployments whose context window the request cannot fit are passed over without being asked (field notes 20). */
class ContextFitTest extends TwoFakes {
    FakeOpenAi small;
    TestGateway gw;

    @BeforeEach
    void start() {
        small = FakeOpenAi.start("small");
        gw = TestGateway.builder(dir)
                .openai("claude-sonnet", "small", small, "max_input_tokens: 1000")
                .anthropic("claude-sonnet", "big", primary)
                .openai("tiny-only", "tiny", small, "max_input_tokens: 1000")
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        small.close();
    }

    private static String longRequest(String model) {
        String words = "The parser must keep every token of this long file in view. ".repeat(400); // ~4,800 tokens
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"" + words + "\"}]}";
    }

    @Test
    void a_long_request_skips_the_small_window_and_goes_where_it_fits() {
        HttpResponse<String> r = gw.post("/v1/messages", longRequest("claude-sonnet"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("big");
        assertThat(small.requestCount()).isZero();
    }

    @Test
    void a_short_request_still_goes_to_the_first_deployment() {
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", false));

        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("small");
    }

    @Test
    void when_no_deployment_can_fit_it_the_caller_is_told_so_with_a_400() {
        HttpResponse<String> r = gw.post("/v1/messages", longRequest("tiny-only"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.errorMessage(r)).contains("context window");
        assertThat(small.requestCount()).isZero();
    }
}
