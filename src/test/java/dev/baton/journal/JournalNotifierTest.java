package dev.baton.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.config.Secret;
import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Notifications to a local receiver: each channel's payload, retries after failures, never a blocked caller. */
class JournalNotifierTest {
    final HookReceiver hooks = new HookReceiver();
    Notifier notifier;

    @AfterEach
    void close() {
        if (notifier != null) notifier.close();
        hooks.close();
    }

    private Notifier notifier(int retries, WebhookTarget... targets) {
        notifier = new Notifier(new NotifySettings(List.of(targets), retries, Duration.ofMillis(20), List.of()));
        return notifier;
    }

    private WebhookTarget target(WebhookTarget.Kind kind, String path) {
        return new WebhookTarget(kind, Secret.of(hooks.url(path)));
    }

    private static final SwitchEvent EVENT = new SwitchEvent("session-1", "claude-sonnet", "primary", "secondary",
            "gemini-2.5-pro", "429 rate limited", Instant.parse("2026-01-05T10:00:00Z"));

    @Test
    void eachChannelGetsItsOwnShape() {
        notifier(0, target(WebhookTarget.Kind.DISCORD, "/discord"), target(WebhookTarget.Kind.SLACK, "/slack"),
                target(WebhookTarget.Kind.JSON, "/json"));

        notifier.switched(EVENT);

        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 3);
        JsonNode discord = Json.MAPPER.readTree(hooks.bodies("/discord").get(0));
        assertThat(discord.path("content").asString()).contains("claude-sonnet", "primary", "secondary", "gemini-2.5-pro", "429 rate limited");
        assertThat(discord.path("allowed_mentions").path("parse").isEmpty()).isTrue();
        JsonNode slack = Json.MAPPER.readTree(hooks.bodies("/slack").get(0));
        assertThat(slack.path("text").asString()).contains("switched from primary to secondary");
        JsonNode json = Json.MAPPER.readTree(hooks.bodies("/json").get(0));
        assertThat(json.path("type").asString()).isEqualTo("switch");
        assertThat(json.path("model").asString()).isEqualTo("gemini-2.5-pro");
        assertThat(json.path("from").asString()).isEqualTo("primary");
        assertThat(json.path("session").asString()).isEqualTo("session-1");
        assertThat(json.path("time").asString()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(hooks.received).allSatisfy(r -> assertThat(r.contentType()).isEqualTo("application/json"));
    }

    @Test
    void aFailedDeliveryIsRetriedUntilItIsAccepted() {
        hooks.answer(500, 503);
        notifier(3, target(WebhookTarget.Kind.SLACK, "/slack"));

        notifier.switched(EVENT);

        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 1);
        assertThat(hooks.bodies("/slack")).hasSize(3).containsOnly(hooks.bodies("/slack").get(0));
        assertThat(notifier.failed()).isZero();
    }

    @Test
    void aChannelThatKeepsFailingIsGivenUpAfterItsRetries() {
        hooks.answer(500, 500, 500, 500);
        notifier(2, target(WebhookTarget.Kind.JSON, "/json"));

        notifier.alert("budget", "80% of the monthly budget is spent");

        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.failed() == 1);
        assertThat(hooks.bodies("/json")).hasSize(3);
    }

    @Test
    void aClientErrorIsNotRetried() {
        hooks.answer(404);
        notifier(3, target(WebhookTarget.Kind.DISCORD, "/discord"));

        notifier.alert("budget", "spent");

        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.failed() == 1);
        assertThat(hooks.bodies("/discord")).hasSize(1);
    }

    @Test
    void alertsGoToEveryChannel() {
        Alerts alerts = notifier(0, target(WebhookTarget.Kind.DISCORD, "/discord"), target(WebhookTarget.Kind.JSON, "/json"));

        alerts.alert("Budget alert", "claude-sonnet spent $40 of $50 today");

        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 2);
        assertThat(Json.MAPPER.readTree(hooks.bodies("/discord").get(0)).path("content").asString())
                .isEqualTo("**Baton: Budget alert**\nclaude-sonnet spent $40 of $50 today");
        JsonNode json = Json.MAPPER.readTree(hooks.bodies("/json").get(0));
        assertThat(json.path("type").asString()).isEqualTo("alert");
        assertThat(json.path("title").asString()).isEqualTo("Budget alert");
        assertThat(json.path("text").asString()).isEqualTo("claude-sonnet spent $40 of $50 today");
    }

    @Test
    void anUnreachableChannelNeitherThrowsNorBlocks() {
        // port 9 (discard) is closed on loopback: the connection is refused, retried, then given up
        notifier(1, new WebhookTarget(WebhookTarget.Kind.SLACK, Secret.of("http://127.0.0.1:9/services/secret-token")));

        notifier.switched(EVENT);

        await().atMost(Duration.ofSeconds(20)).until(() -> notifier.failed() == 1);
        assertThat(notifier.delivered()).isZero();
    }
}
