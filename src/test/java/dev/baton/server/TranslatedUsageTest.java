package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.canonical.Usage;
import dev.baton.store.UsageRecord;
import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.OpenAiReply;
import dev.baton.testing.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage and cost for every pairing of caller and upstream dialect, streamed and not: relayed Anthropic and OpenAI
 * answers are read by the usage tap, translated ones from the canonical usage the decoders produce. OpenAI's cached
 * prompt tokens count as cache reads, not also as input.
 */
class TranslatedUsageTest {
    @TempDir Path dir;
    FakeAnthropic anthropic;
    FakeOpenAi openai;
    TestGateway gw;

    @BeforeEach
    void start() {
        anthropic = FakeAnthropic.start("anthropic");
        openai = FakeOpenAi.start("openai");
        openai.reply(OpenAiReply.text("x".repeat(40)).withCachedTokens(8)); // 10 completion tokens, 8 of the prompt cached
        gw = TestGateway.builder(dir).anthropic("claude-sonnet", "claude", anthropic).openai("gpt", "gpt", openai).start();
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        anthropic.close();
        openai.close();
    }

    static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    }

    private static long prompt(RecordedRequest r) {
        return Math.max(1, r.bodyBytes().length / 4); // what both fakes report
    }

    /** gpt-4.1 by the default table: $2/M input, $0.50/M cached, $8/M output. */
    private static void assertGptUsage(UsageRecord r, long prompt) {
        assertThat(r.deployment()).isEqualTo("gpt");
        assertThat(r.usage()).isEqualTo(new Usage(prompt - 8, 10, 8, 0, 0));
        assertThat(r.costUsd()).isCloseTo((prompt - 8) * 2e-6 + 8 * 0.5e-6 + 10 * 8e-6, within(1e-12));
    }

    @Test
    void anthropicCallerOnAnOpenAiUpstream() {
        assertThat(gw.post("/v1/messages", Wire.message("gpt", false)).statusCode()).isEqualTo(200);
        long whole = prompt(openai.takeRequest());
        assertThat(gw.post("/v1/messages", Wire.message("gpt", true)).statusCode()).isEqualTo(200);
        long stream = prompt(openai.takeRequest());
        List<UsageRecord> rs = gw.records(2);
        assertGptUsage(rs.get(0), whole);
        assertGptUsage(rs.get(1), stream);
    }

    @Test
    void openAiCallerOnAnOpenAiUpstreamIsRelayedAndStillCounted() {
        assertThat(gw.post("/v1/chat/completions", chat("gpt", false)).statusCode()).isEqualTo(200);
        long whole = prompt(openai.takeRequest());
        assertThat(gw.post("/v1/chat/completions", chat("gpt", true)).statusCode()).isEqualTo(200);
        long stream = prompt(openai.takeRequest());
        List<UsageRecord> rs = gw.records(2);
        assertGptUsage(rs.get(0), whole);
        assertGptUsage(rs.get(1), stream);
        assertThat(rs.get(1).ttftMs()).isNotNull();
    }

    @Test
    void openAiCallerOnAnAnthropicUpstream() {
        assertThat(gw.post("/v1/chat/completions", chat("claude-sonnet", false)).statusCode()).isEqualTo(200);
        long whole = prompt(anthropic.takeRequest());
        assertThat(gw.post("/v1/chat/completions", chat("claude-sonnet", true)).statusCode()).isEqualTo(200);
        long stream = prompt(anthropic.takeRequest());
        List<UsageRecord> rs = gw.records(2);
        assertThat(rs.get(0).usage()).isEqualTo(new Usage(whole, 5, 0, 0, 0)); // "Hello from anthropic": 20 chars / 4
        assertThat(rs.get(1).usage()).isEqualTo(new Usage(stream, 5, 0, 0, 0));
        assertThat(rs.get(1).costUsd()).isCloseTo(stream * 3e-6 + 5 * 15e-6, within(1e-12));
    }
}
