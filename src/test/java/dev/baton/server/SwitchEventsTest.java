package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.routing.SwitchEvent;
import dev.baton.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A change of the deployment serving a session is published once, with why (DESIGN: record the switch). */
class SwitchEventsTest extends PrimaryAndSecondary {
    final List<SwitchEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void subscribe() {
        gw.gateway.switches().subscribe(events::add);
    }

    @Test
    void rateLimitOnThePrimaryPublishesOneSwitchForTheSession() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        gw.post("/v1/messages", Wire.message("claude-sonnet", true), "X-Claude-Code-Session-Id", "session-a");
        gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "session-a");
        // a later event from another session proves the bus has delivered everything before it
        gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "session-b");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e.session().equals("session-b")));

        List<SwitchEvent> a = events.stream().filter(e -> e.session().equals("session-a")).toList();
        assertThat(a).hasSize(1);
        SwitchEvent e = a.get(0);
        assertThat(e.group()).isEqualTo("claude-sonnet");
        assertThat(e.from()).isEqualTo("primary");
        assertThat(e.to()).isEqualTo("secondary");
        assertThat(e.toModel()).isEqualTo(TestGateway.UPSTREAM_MODEL);
        assertThat(e.reason()).contains("429");
    }

    @Test
    void aSessionWhoseFirstRequestIsServedByTheFallbackAlsoPublishesOne() {
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "session-a");
        gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "session-b");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e.session().equals("session-b")));

        SwitchEvent b = events.stream().filter(e -> e.session().equals("session-b")).findFirst().orElseThrow();
        assertThat(b.from()).isEqualTo("primary");
        assertThat(b.to()).isEqualTo("secondary");
        assertThat(b.reason()).contains("cooling");
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void noSwitchWhileThePrimaryServes() {
        gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "session-a");
        primary.enqueue(Fault.overloaded());
        gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "session-marker");
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events).extracting(SwitchEvent::session).containsExactly("session-marker");
    }
}
