package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream key never reaches the client, whatever goes wrong. */
class SecretsTest {
    static final String KEY = "sk-test-SECRET-9d8c7b6a5f4e";

    @TempDir Path dir;

    private static void assertNoKey(HttpResponse<String> r) {
        assertThat(r.body()).doesNotContain(KEY).doesNotContain("9d8c7b6a5f4e");
        r.headers().map().forEach((name, values) -> assertThat(values).as(name).noneMatch(v -> v.contains("9d8c7b6a5f4e")));
    }

    @Test
    void upstreamKeyNeverAppearsInErrorsReturnedToTheClient() throws Exception {
        try (FakeAnthropic a = FakeAnthropic.start("a"); FakeAnthropic b = FakeAnthropic.start("b");
             TestGateway gw = TestGateway.builder(dir)
                     .deployment("claude-sonnet", "a", "anthropic/claude-sonnet-4-5", a.baseUrl(), KEY)
                     .deployment("claude-sonnet", "b", "anthropic/claude-sonnet-4-5", b.baseUrl(), KEY)
                     .deployment("claude-sonnet", "c", "anthropic/claude-sonnet-4-5", "http://127.0.0.1:1", KEY)
                     .baton("first_byte_timeout", "1").start()) {
            a.requireApiKey("another-key"); // 401 from the upstream
            List<Fault> faults = List.of(Fault.rateLimited(Duration.ofSeconds(1)), Fault.overloaded(), Fault.serverError(500),
                    Fault.resetBeforeHeaders(), Fault.malformed(), Fault.status(400, "invalid_request_error", "bad"));
            for (Fault f : faults) {
                b.enqueue(f);
                for (boolean stream : new boolean[] {false, true}) {
                    HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", stream));
                    assertThat(r.statusCode()).as(f + " stream=" + stream).isNotEqualTo(200);
                    assertNoKey(r);
                }
            }
            assertNoKey(gw.post("/v1/messages/count_tokens", "{\"model\":\"claude-sonnet\",\"messages\":[]}"));
            assertNoKey(gw.get("/v1/models"));
        }
    }
}
