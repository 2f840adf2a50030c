package dev.baton.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.config.RedisSettings;
import dev.baton.config.Secret;
import dev.baton.routing.HealthRegistry;
import dev.baton.config.Deployment;
import dev.baton.routing.DeploymentHealth;
import dev.baton.testing.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The state store on a real Redis, two instances sharing it as two Baton processes would. */
@ExtendWith(RedisServer.Extension.class)
class RedisStateTest extends StateContract {
    private final RedisServer server;
    private final RedisState a;
    private final RedisState b;

    RedisStateTest(RedisServer server) {
        this.server = server;
        this.a = new RedisState(RedisSettings.parseUrl(server.url()));
        this.b = new RedisState(RedisSettings.of("127.0.0.1", server.port(), Secret.of(RedisServer.PASSWORD), Map.of()));
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Override
    StateStore store() {
        return a;
    }

    @Override
    StateStore secondInstance() {
        return b;
    }

    @Test
    void aCooldownSetOnOneInstanceHoldsOnTheOtherAndOnOnesStartedLater() {
        Deployment d = new Deployment("g", "anthropic", "m", null, null, null, null, null, null, 1, Map.of(), Map.of(),
                "shared-" + System.nanoTime(), 0);
        HealthRegistry first = new HealthRegistry(a.cooldowns());
        HealthRegistry second = new HealthRegistry(b.cooldowns());
        Instant until = Instant.ofEpochMilli(System.currentTimeMillis() + 30_000); // shared with millisecond precision
        first.of(d).coolUntil(until);

        await().atMost(Duration.ofSeconds(5)).until(() -> second.of(d).state(Instant.now()) == DeploymentHealth.State.COOLING);
        assertThat(second.of(d).tryAcquire(Instant.now())).isNull();
        assertThat(second.of(d).availableAt(Instant.now())).isEqualTo(until);

        try (RedisState later = new RedisState(RedisSettings.parseUrl(server.url()))) {
            assertThat(new HealthRegistry(later.cooldowns()).of(d).state(Instant.now())).isEqualTo(DeploymentHealth.State.COOLING);
        }
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        assertThatThrownBy(() -> new RedisState(RedisSettings.of("127.0.0.1", server.port(), Secret.of("wrong-pass-123"), Map.of())))
                .hasMessageContaining("Redis at 127.0.0.1").hasMessageNotContaining("wrong-pass-123");
    }
}
