package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Betas a target rejects are not sent, and body fields gated by an unsent beta go with them (F19, F7). Vendors are
 * known by host name; locally the per-deployment `allowed_betas` stands in for such a vendor.
 */
class BetaAllowlistTest {
    static final String BETAS = "interleaved-thinking-2025-05-14,context-management-2025-06-27,fine-grained-tool-streaming-2025-05-14";
    static final String BODY = """
            {"model":"claude-sonnet","max_tokens":64,
             "messages":[{"role":"user","content":"Hi"}],
             "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},
             "thinking":{"type":"enabled","budget_tokens":1024}}""";

    @TempDir Path dir;
    FakeAnthropic strict;
    FakeAnthropic plain;

    @BeforeEach
    void start() {
        strict = FakeAnthropic.start("strict");
        plain = FakeAnthropic.start("plain");
    }

    @AfterEach
    void stop() {
        strict.close();
        plain.close();
    }

    // F19
    @Test
    void restrictedDeploymentGetsOnlyAllowedBetasAndNoGatedFields() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "strict", strict, "allowed_betas: [\"interleaved-thinking\"]").start()) {
            HttpResponse<String> r = gw.post("/v1/messages", BODY, "anthropic-beta", BETAS);

            assertThat(r.statusCode()).isEqualTo(200);
            RecordedRequest got = strict.takeRequest();
            assertThat(got.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
            assertThat(got.json().has("context_management")).isFalse();
            assertThat(got.json().has("thinking")).as("ungated fields stay").isTrue();
        }
    }

    @Test
    void restrictedDeploymentKeepsAGatedFieldWhenItsBetaIsAllowed() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "strict", strict, "allowed_betas: [interleaved-thinking, context-management]").start()) {
            gw.post("/v1/messages", BODY, "anthropic-beta", BETAS);

            RecordedRequest got = strict.takeRequest();
            assertThat(got.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14,context-management-2025-06-27");
            assertThat(got.json().has("context_management")).isTrue();
        }
    }

    @Test
    void plainDeploymentPassesEveryBetaAndTheBodyUnchanged() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "plain", plain).start()) {
            gw.post("/v1/messages", BODY, "anthropic-beta", BETAS);

            RecordedRequest got = plain.takeRequest();
            assertThat(got.header("anthropic-beta")).isEqualTo(BETAS);
            ObjectNode expected = Wire.object(BODY);
            expected.put("model", TestGateway.UPSTREAM_MODEL);
            expected.put("stream", true); // a whole answer is asked for as a stream
            assertThat(got.json()).isEqualTo(expected);
        }
    }

    @Test
    void fallbackFromPlainToRestrictedAdaptsPerDeployment() throws Exception {
        plain.enqueue(dev.baton.testing.Fault.overloaded());
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "plain", plain)
                .anthropic("claude-sonnet", "strict", strict, "allowed_betas: [interleaved-thinking]").start()) {
            HttpResponse<String> r = gw.post("/v1/messages", BODY, "anthropic-beta", BETAS);

            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("strict");
            assertThat(plain.takeRequest().json().has("context_management")).isTrue();
            RecordedRequest got = strict.takeRequest();
            assertThat(got.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
            assertThat(got.json().has("context_management")).isFalse();
        }
    }
}
