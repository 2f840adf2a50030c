package dev.baton.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.config.RedisSettings;
import dev.baton.config.Secret;
import dev.baton.routing.HealthRegistry;
import dev.baton.config.Deployment;
import dev.baton.routing.DeploymentHealth;
import dev.baton.routing.ModelGroup;
import dev.baton.routing.SessionAffinity;
import dev.baton.routing.SwitchBus;
import dev.baton.routing.SwitchTracker;
import java.time.Clock;
import java.util.List;
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
    void aSessionMovedOnOneInstanceIsFollowedByTheOtherAndByOnesStartedLater() {
        String id = "s-" + System.nanoTime();
        Deployment primary = new Deployment("g", "anthropic", "m", null, null, null, null, null, null, 1, Map.of(), Map.of(), "primary", 0);
        Deployment fallback = new Deployment("g", "anthropic", "m", null, null, null, null, null, null, 1, Map.of(), Map.of(), "fall back:1", 0);
        ModelGroup group = new ModelGroup("claude sonnet", List.of(primary, fallback));
        SessionAffinity onB = new SessionAffinity(b.sessions());
        assertThat(onB.current(id, group.name())).as("the session is new to both").isNull();

        try (SwitchBus bus = new SwitchBus()) {
            new SwitchTracker(bus, Clock.systemUTC(), new SessionAffinity(a.sessions()))
                    .served(id, group, primary, fallback, "m", "primary answered 429");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> "fall back:1".equals(onB.current(id, group.name())));
        try (RedisState later = new RedisState(RedisSettings.parseUrl(server.url()))) {
            assertThat(new SessionAffinity(later.sessions()).current(id, group.name())).as("looked up on first sight").isEqualTo("fall back:1");
        }
        assertThat(new SessionAffinity(b.sessions()).current("other-" + id, group.name())).isNull();
    }

    @Test
    void aKeptMessageReachesTheRunningInstancesAndOnesStartedLaterABroadcastOnlyTheRunningOnes() {
        String kept = "kept-" + System.nanoTime();
        String told = "told-" + System.nanoTime();
        java.util.Queue<String> heardOnB = new java.util.concurrent.ConcurrentLinkedQueue<>();
        b.onBroadcast(kept, heardOnB::add);
        b.onBroadcast(told, heardOnB::add);
        java.util.Queue<String> heardOnA = new java.util.concurrent.ConcurrentLinkedQueue<>();
        a.onBroadcast(kept, heardOnA::add);

        a.keep(kept, "cost priority");
        a.broadcast(told, "once");
        await().atMost(Duration.ofSeconds(5)).until(() -> heardOnB.size() == 2);
        assertThat(heardOnB).containsExactlyInAnyOrder("cost priority", "once");

        try (RedisState later = new RedisState(RedisSettings.parseUrl(server.url()))) {
            java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            later.onBroadcast(kept, heard::add);
            later.onBroadcast(told, heard::add);
            assertThat(heard).as("the kept message at once, not the broadcast").containsExactly("cost priority");
            b.keep(kept, "intelligent priority");
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
            assertThat(heard).containsExactly("cost priority", "intelligent priority");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> heardOnA.contains("intelligent priority"));
        assertThat(heardOnA).as("an instance does not hear its own").containsExactly("intelligent priority");
    }

    @Test
    void aMessageKeptWhileTheSubscriptionWasDownIsHeardWhenItResumes() {
        var config = redis.clients.jedis.DefaultJedisClientConfig.builder().password(RedisServer.PASSWORD).build();
        try (var client = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(new redis.clients.jedis.HostAndPort("127.0.0.1", server.port())).clientConfig(config).build()) {
            RedisBroadcasts broadcasts = new RedisBroadcasts(client);
            java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            String topic = "missed-" + System.nanoTime();
            broadcasts.on(topic, heard::add);
            assertThat(heard).isEmpty();
            client.set("baton:kept:" + topic, "cost priority"); // kept by another instance, its message not heard
            broadcasts.resync();
            assertThat(heard).containsExactly("cost priority");
            broadcasts.resync();
            assertThat(heard).as("nothing new: not handed again").containsExactly("cost priority");
        }
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        assertThatThrownBy(() -> new RedisState(RedisSettings.of("127.0.0.1", server.port(), Secret.of("wrong-pass-123"), Map.of())))
                .hasMessageContaining("Redis at 127.0.0.1").hasMessageNotContaining("wrong-pass-123");
    }
}
