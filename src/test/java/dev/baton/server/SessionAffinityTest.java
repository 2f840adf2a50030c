package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import dev.baton.testing.Fault;
import dev.baton.testing.GitRepo;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A session stays on the deployment that serves it: a primary that keeps coming back and failing again does not
 * drag it back and forth (one switch, one commit), and it returns to a recovered primary only at a user turn.
 */
class SessionAffinityTest extends TwoFakes {
    private static final String SESSION = "x-claude-code-session-id";

    private static String userTurn() {
        return Wire.message("claude-sonnet", false);
    }

    /** A request in the middle of a tool loop: the last message hands a tool result back. */
    private static String toolResultTurn() {
        return "{\"model\":\"claude-sonnet\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"read a\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"a\"}]}]}";
    }

    @Test
    void aPrimaryThatComesBackAndFailsAgainMakesOneSwitchAndOneCommit() throws Exception {
        GitRepo repo = GitRepo.withCommit(dir.resolve("repo"), "a.txt", "a\n");
        List<SwitchEvent> switches = new CopyOnWriteArrayList<>();
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary)
                .router("cooldown_time", "1")
                .baton("journal", "{repo: " + Json.MAPPER.writeValueAsString(repo.dir.toString()) + "}")
                .start()) {
            gw.gateway.switches().subscribe(switches::add);
            for (int i = 0; i < 20; i++) { // serves, then 429, then serves ...: it comes back and fails again
                primary.enqueue(i % 2 == 0 ? Fault.none() : Fault.rateLimited(Duration.ofSeconds(1)));
            }
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = gw.post("/v1/messages", userTurn(), SESSION, "s1");
                assertThat(r.statusCode()).isEqualTo(200);
                // other sessions keep probing the primary, which keeps coming back and failing again
                gw.post("/v1/messages", userTurn(), SESSION, "other-" + i);
                Thread.sleep(150);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> switches.stream().anyMatch(e -> e.session().equals("s1")));
            Thread.sleep(300); // any further switch would be journaled by now
            assertThat(switches.stream().filter(e -> e.session().equals("s1"))).hasSize(1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> repo.tags("model-*").size() >= 1);
            assertThat(repo.tags("model-*").size()).as("one commit per session switch, not one per flip")
                    .isLessThanOrEqualTo(switches.size());
        }
    }

    @Test
    void aSessionReturnsToARecoveredPrimaryOnlyAtAUserTurn() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary)
                .router("cooldown_time", "1")
                .baton("routing", "{settle_time: 200ms}")
                .start()) {
            primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
            assertThat(served(gw.post("/v1/messages", userTurn(), SESSION, "s1"))).isEqualTo("secondary");
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> gw.gateway.engine().health().of(gw.deployment("primary")).settled(java.time.Instant.now(), Duration.ofMillis(200)));

            assertThat(served(gw.post("/v1/messages", toolResultTurn(), SESSION, "s1"))).as("mid tool loop: stays").isEqualTo("secondary");
            assertThat(served(gw.post("/v1/messages", userTurn(), SESSION, "s1"))).as("a new user turn: back").isEqualTo("primary");
            assertThat(served(gw.post("/v1/messages", toolResultTurn(), SESSION, "s1"))).isEqualTo("primary");
        }
    }

    private static String served(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-baton-deployment").orElseThrow();
    }
}
