package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Claude model ids route by family, so a new id never 404s (L45). */
class FamilyRoutingTest {
    @TempDir static Path dir;
    static FakeAnthropic sonnet;
    static FakeAnthropic haiku;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        sonnet = FakeAnthropic.start("sonnet");
        haiku = FakeAnthropic.start("haiku");
        gw = TestGateway.builder(dir)
                .deployment("claude-sonnet", "sonnet", "anthropic/*", sonnet.baseUrl(), "sk-test-sonnet")
                .deployment("claude-haiku", "haiku", "anthropic/claude-haiku-4-5-20251001", haiku.baseUrl(), "sk-test-haiku")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        sonnet.close();
        haiku.close();
    }

    @BeforeEach
    void clear() {
        sonnet.reset();
        haiku.reset();
    }

    // L45: with model `*` the upstream gets the caller's own id
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "claude-sonnet-4-5-20250929, claude-sonnet-4-5-20250929",
            "claude-3-7-sonnet-latest, claude-3-7-sonnet-latest",
            "anthropic/claude-sonnet-4-5, claude-sonnet-4-5",
            "claude-sonnet-4-5, claude-sonnet-4-5"})
    void sonnetIdsResolveToTheSonnetGroupAndKeepTheirId(String requested, String upstream) {
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message(requested, false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("sonnet");
        assertThat(sonnet.takeRequest().json().path("model").asString()).isEqualTo(upstream);
    }

    @Test
    void oneMillionSuffixBecomesTheContext1mBeta() {
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet-4-5[1m]", true),
                "anthropic-beta", "interleaved-thinking-2025-05-14");

        assertThat(r.statusCode()).isEqualTo(200);
        RecordedRequest got = sonnet.takeRequest();
        assertThat(got.json().path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(got.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14,context-1m-2025-08-07");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"claude-haiku-4-5-20251001", "claude-3-5-haiku-20241022", "claude-haiku-4-5", "anthropic/claude-3-5-haiku-latest"})
    void haikuIdsGoToTheHaikuGroup(String requested) {
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message(requested, false));

        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("haiku");
        assertThat(haiku.takeRequest().json().path("model").asString()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(sonnet.requestCount()).isZero();
    }

    @Test
    void aClaudeIdOfAFamilyWithoutAGroupStillResolves() {
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-opus-4-1-20250805", false));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownNonClaudeModelIs404NotFoundErrorListingTheGroups() {
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("gpt-4o", false));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Wire.errorType(r)).isEqualTo("not_found_error");
        assertThat(Wire.errorMessage(r)).contains("gpt-4o").contains("claude-sonnet").contains("claude-haiku");
        assertThat(sonnet.requestCount() + haiku.requestCount()).isZero();
    }
}
