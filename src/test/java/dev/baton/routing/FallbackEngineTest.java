package dev.baton.routing;

import static dev.baton.routing.Deployments.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.canonical.Failure;
import dev.baton.canonical.Failure.RateLimitKind;
import dev.baton.config.BatonSettings;
import dev.baton.config.Deployment;
import dev.baton.config.RouterSettings;
import dev.baton.routing.FallbackEngine.AttemptRecord;
import dev.baton.routing.FallbackEngine.AttemptResult;
import dev.baton.routing.FallbackEngine.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FallbackEngineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Failure RATE_LIMITED = new Failure.RateLimited(Duration.ofSeconds(30), RateLimitKind.TRANSIENT, "HTTP 429");
    private static final Failure SERVER_ERROR = new Failure.ServerError(500, "HTTP 500");
    private static final Failure RATE_LIMITED1S = new Failure.RateLimited(Duration.ofSeconds(1), RateLimitKind.TRANSIENT, "HTTP 429");

    private final MutableClock clock = new MutableClock(T0);
    private final SwitchBus bus = new SwitchBus();
    private final List<SwitchEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> tried = new CopyOnWriteArrayList<>();
    private HealthRegistry health;
    private GroupResolver groups;

    FallbackEngineTest() {
        bus.subscribe(events::add);
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private FallbackEngine engine(List<Deployment> deployments, RouterSettings router, Clock c) {
        return engine(deployments, router, BatonSettings.defaults(), c);
    }

    private FallbackEngine engine(List<Deployment> deployments, RouterSettings router, BatonSettings settings, Clock c) {
        groups = new GroupResolver(deployments);
        health = new HealthRegistry();
        return new FallbackEngine(groups, router, settings, health, new SwitchTracker(bus, c), c);
    }

    private static RouterSettings router(Map<String, List<String>> fallbacks, Map<String, List<String>> contextFallbacks, int numRetries) {
        return new RouterSettings(fallbacks, contextFallbacks, numRetries, Duration.ofSeconds(5), 3, "simple-shuffle");
    }

    private static RouterSettings noRetries() {
        return router(Map.of(), Map.of(), 0);
    }

    private FallbackEngine.Route route(String requested, String session) {
        return new FallbackEngine.Route(groups.resolve(requested).orElseThrow(), session, null);
    }

    private FallbackEngine.Route route(String requested, String session, boolean userTurn) {
        return new FallbackEngine.Route(groups.resolve(requested).orElseThrow(), session, null, true, group -> true, () -> userTurn);
    }

    /** An upstream per deployment id: what each answers. */
    private FallbackEngine.Attempt<String> upstreams(Function<String, Failure> failureOf) {
        return c -> {
            String id = c.deployment().id();
            tried.add(id);
            Failure f = failureOf.apply(id);
            return f == null ? new AttemptResult.Ok<>("answer from " + id) : new AttemptResult.Failed<>(f);
        };
    }

    /** The events published so far: the bus is asynchronous, so publish a marker and wait until it arrives. */
    private List<SwitchEvent> switchEvents() {
        SwitchEvent marker = new SwitchEvent("marker", "", "", "", "", "", T0);
        bus.publish(marker);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains(marker));
        List<SwitchEvent> seen = new ArrayList<>(events);
        events.clear();
        seen.remove(marker);
        return seen;
    }

    @Test
    void triesDeploymentsByOrderThenTheFallbackGroups() {
        var engine = engine(List.of(
                        withOrder("sonnet", "mock/a", "A", 2),
                        withOrder("sonnet", "mock/b", "B", 1),
                        withId("gpt", "mock/c", "C"),
                        withId("gemini", "mock/d", "D")),
                router(Map.of("sonnet", List.of("gpt", "gemini")), Map.of(), 0), clock);
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id -> id.equals("D") ? null : SERVER_ERROR));
        assertThat(tried).containsExactly("B", "A", "C", "D");
        assertThat(out).isInstanceOf(Outcome.Served.class);
        assertThat(((Outcome.Served<String>) out).value()).isEqualTo("answer from D");
        assertThat(out.attempts()).extracting(AttemptRecord::deployment).containsExactly("B", "A", "C", "D");
        assertThat(out.attempts()).extracting(AttemptRecord::failure).containsExactly(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, null);
    }

    @Test
    void aDefectInOneAttemptFallsBackInsteadOfFailingTheRequestAndNeverCountsAgainstTheDeployment() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")), noRetries(), clock);
        for (int i = 0; i < 10; i++) {
            Outcome<String> out = engine.route(route("sonnet", "s" + i), c -> {
                if (c.deployment().id().equals("A")) throw new IllegalStateException("bug in a translator");
                return new AttemptResult.Ok<>("answer from B");
            });
            assertThat(out).isInstanceOfSatisfying(Outcome.Served.class, s -> assertThat(s.value()).isEqualTo("answer from B"));
            assertThat(out.attempts().get(0).failure()).isInstanceOf(Failure.Internal.class);
        }
        DeploymentHealth a = health.of(groups.group("sonnet").orElseThrow().deployments().get(0));
        assertThat(a.state(clock.instant())).isEqualTo(DeploymentHealth.State.HEALTHY);
        assertThat(a.lastFailure()).isNull();
    }

    @Test
    void aDefectIsNotRetriedAfterABackoff() {
        var router = new RouterSettings(Map.of(), Map.of(), 3, Duration.ofSeconds(5), 3, "simple-shuffle");
        var engine = engine(List.of(withId("sonnet", "mock/a", "A")), router, clock);
        Outcome<String> out = engine.route(route("sonnet", "s"), c -> {
            tried.add(c.deployment().id());
            throw new IllegalStateException("bug");
        });
        assertThat(tried).containsExactly("A");
        assertThat(out).isInstanceOfSatisfying(Outcome.NotServed.class, n -> {
            assertThat(n.decisive()).isInstanceOf(Failure.Internal.class);
            assertThat(n.waitedMicros()).isZero();
        });
    }

    @Test
    void missingCallerCredentialsAreNotRetriedAfterABackoff() {
        var router = new RouterSettings(Map.of(), Map.of(), 3, Duration.ofSeconds(5), 3, "simple-shuffle");
        var engine = engine(List.of(Deployments.passthrough("sonnet", "anthropic/claude-sonnet-4-5", "sub")), router, clock);
        Failure noCredentials = new Failure.Misconfigured(401, "the caller sent none");
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id -> noCredentials));
        assertThat(tried).containsExactly("sub");
        assertThat(out).isInstanceOfSatisfying(Outcome.NotServed.class, n -> assertThat(n.decisive()).isEqualTo(noCredentials));
    }

    @Test
    void fallbackGroupsTheCallerMayNotUseAreLeftOut() {
        var engine = engine(List.of(withId("cheap", "mock/a", "A"), withId("dear", "mock/b", "B"), withId("other", "mock/c", "C")),
                router(Map.of("cheap", List.of("dear", "other")), Map.of(), 0), clock);
        var route = new FallbackEngine.Route(groups.resolve("cheap").orElseThrow(), "s", null, true,
                group -> !group.equals("dear"), () -> true);
        Outcome<String> out = engine.route(route, upstreams(id -> id.equals("C") ? null : RATE_LIMITED));
        assertThat(tried).containsExactly("A", "C");
        assertThat(out).isInstanceOfSatisfying(Outcome.Served.class, s -> assertThat(s.by().deployment().id()).isEqualTo("C"));
    }

    @Test
    void anAbandonedRequestStopsAtOnceAndFreesTheProbe() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")), noRetries(), clock);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.route(route("sonnet", "s"), c -> {
            throw new FallbackEngine.Abandoned("client went away", null);
        })).isInstanceOf(FallbackEngine.Abandoned.class);
        assertThat(health.of(groups.group("sonnet").orElseThrow().deployments().get(0)).tryAcquire(clock.instant()))
                .isEqualTo(DeploymentHealth.Permit.NORMAL);
    }

    @Test
    void rejectedRequestStopsTheChainAndCoolsNothing() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")), noRetries(), clock);
        Failure bad = new Failure.Rejected(400, "invalid_request_error");
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id -> bad));
        assertThat(tried).containsExactly("A");
        assertThat(out).isInstanceOfSatisfying(Outcome.NotServed.class, n -> {
            assertThat(n.rejected()).isTrue();
            assertThat(n.decisive()).isEqualTo(bad);
        });
        assertThat(health.of(groups.group("sonnet").orElseThrow().deployments().get(0)).state(clock.instant()))
                .isEqualTo(DeploymentHealth.State.HEALTHY);
    }

    @Test
    void contextTooLongAddsTheContextWindowFallbacks() {
        var engine = engine(List.of(withId("small", "mock/a", "A"), withId("big", "mock/b", "B")),
                router(Map.of(), Map.of("small", List.of("big")), 0), clock);
        Outcome<String> out = engine.route(route("small", "s"), upstreams(id -> id.equals("A") ? new Failure.ContextTooLong("prompt is too long") : null));
        assertThat(tried).containsExactly("A", "B");
        assertThat(out).isInstanceOfSatisfying(Outcome.Served.class, s -> assertThat(s.by().deployment().id()).isEqualTo("B"));
    }

    @Test
    void contextWindowFallbacksAreNotTriedForOtherFailures() {
        var engine = engine(List.of(withId("small", "mock/a", "A"), withId("big", "mock/b", "B")),
                router(Map.of(), Map.of("small", List.of("big")), 0), clock);
        Outcome<String> out = engine.route(route("small", "s"), upstreams(id -> SERVER_ERROR));
        assertThat(tried).containsExactly("A");
        assertThat(out).isInstanceOfSatisfying(Outcome.NotServed.class, n -> assertThat(n.rejected()).isFalse());
    }

    @Test
    void everythingCoolingIsNotServedWithRetryAtTheEarliestRecovery() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")), noRetries(), clock);
        List<Deployment> ds = groups.group("sonnet").orElseThrow().deployments();
        health.of(ds.get(0)).coolUntil(T0.plusSeconds(40));
        health.of(ds.get(1)).coolUntil(T0.plusSeconds(12));
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id -> null));
        assertThat(tried).isEmpty();
        assertThat(out).isInstanceOfSatisfying(Outcome.NotServed.class, n -> {
            assertThat(n.rejected()).isFalse();
            assertThat(n.retryAt()).isEqualTo(T0.plusSeconds(12));
            assertThat(n.decisive()).isInstanceOf(Failure.RateLimited.class);
        });
    }

    @Test
    void rateLimitedDeploymentsReportTheirOwnFailureAndRecoveryTime() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A")), noRetries(), clock);
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id -> RATE_LIMITED));
        assertThat(out).isInstanceOfSatisfying(Outcome.NotServed.class, n -> {
            assertThat(n.decisive()).isEqualTo(RATE_LIMITED);
            assertThat(n.retryAt()).isEqualTo(T0.plusSeconds(30));
        });
    }

    @Test
    void aSessionMovedOffAFlappingDeploymentStaysOffAndRecordsOneSwitch() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")),
                new RouterSettings(Map.of(), Map.of(), 0, Duration.ofSeconds(1), 3, "simple-shuffle"), clock);
        var flapping = upstreams(id -> id.equals("A") && tried.stream().filter("A"::equals).count() % 2 == 1 ? RATE_LIMITED1S : null);
        // A takes a random share of traffic while it recovers, so the rounds go on until it has failed four times
        for (int i = 0; i < 500 && tried.stream().filter("A"::equals).count() < 8; i++) {
            engine.route(route("sonnet", "s"), flapping);
            engine.route(route("sonnet", "other-" + i), flapping); // other sessions keep probing A, which keeps failing
            clock.advance(Duration.ofMillis(1500));
        }
        assertThat(switchEvents().stream().filter(e -> e.session().equals("s"))).as("one switch, one commit").hasSize(1);
        DeploymentHealth a = health.of(groups.group("sonnet").orElseThrow().deployments().get(0));
        assertThat(a.escalation(clock.instant())).as("each cooldown in a row is longer").isGreaterThan(1);
    }

    @Test
    void deploymentsPredictedToHitTheirLimitAreTriedLastTheLeastFullFirst() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B"), withId("sonnet", "mock/c", "C")),
                noRetries(), clock);
        List<Deployment> ds = groups.group("sonnet").orElseThrow().deployments();
        health.forecast(ds.get(0), null).observe(0.95, T0.plusSeconds(30));
        health.forecast(ds.get(1), null).observe(0.85, T0.plusSeconds(30));
        engine.route(route("sonnet", "s1"), upstreams(id -> RATE_LIMITED));
        assertThat(tried).containsExactly("C", "B", "A");
        tried.clear();
        clock.advance(Duration.ofSeconds(31)); // the windows reset, and the 429s' cooldowns are over
        engine.route(route("sonnet", "s2"), upstreams(id -> null));
        assertThat(tried).first().isEqualTo("A");
    }

    @Test
    void waitingForACooledDeploymentIsReportedApartFromTheAttempts() {
        Duration shortCooldown = Duration.ofMillis(300);
        var settings = new BatonSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(600), Duration.ofSeconds(15), Duration.ofSeconds(5), 32, Map.of());
        var router = new RouterSettings(Map.of(), Map.of(), 1, shortCooldown, 3, "simple-shuffle");
        var engine = engine(List.of(withId("sonnet", "mock/a", "A")), router, settings, Clock.systemUTC());
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id -> tried.size() == 1
                ? new Failure.RateLimited(shortCooldown, RateLimitKind.TRANSIENT, "HTTP 429") : null));
        assertThat(out.waitedMicros()).isGreaterThanOrEqualTo(shortCooldown.toNanos() / 1000 - 30_000);
    }

    @Test
    void numRetriesWaitsForADeploymentThatRecoversWithinMaxWaitThenServes() {
        Duration shortCooldown = Duration.ofMillis(300);
        var settings = new BatonSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(600), Duration.ofSeconds(15), Duration.ofSeconds(5), 32, Map.of());
        var router = new RouterSettings(Map.of(), Map.of(), 1, shortCooldown, 3, "simple-shuffle");
        var engine = engine(List.of(withId("sonnet", "mock/a", "A")), router, settings, Clock.systemUTC());
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id -> tried.size() == 1
                ? new Failure.RateLimited(shortCooldown, RateLimitKind.TRANSIENT, "HTTP 429") : null));
        assertThat(tried).containsExactly("A", "A");
        assertThat(out).isInstanceOf(Outcome.Served.class);
        assertThat(out.attempts()).extracting(AttemptRecord::failure).first().isInstanceOf(Failure.RateLimited.class);
    }

    @Test
    void doesNotWaitForACooldownLongerThanMaxWait() {
        var router = new RouterSettings(Map.of(), Map.of(), 3, Duration.ofSeconds(5), 3, "simple-shuffle");
        var engine = engine(List.of(withId("sonnet", "mock/a", "A")), router, clock); // max_wait 10 s by default
        Outcome<String> out = engine.route(route("sonnet", "s"), upstreams(id ->
                new Failure.RateLimited(Duration.ofMinutes(10), RateLimitKind.TRANSIENT, "HTTP 429")));
        assertThat(tried).containsExactly("A");
        assertThat(out).isInstanceOfSatisfying(Outcome.NotServed.class, n -> assertThat(n.retryAt()).isEqualTo(T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void switchEventsMarkEachChangeOfServingDeploymentAndTheRecovery() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")), noRetries(), clock);
        List<String> failing = new CopyOnWriteArrayList<>();
        var attempt = upstreams(id -> failing.contains(id) ? RATE_LIMITED : null);

        engine.route(route("claude-sonnet-4-5", "s1"), attempt);
        assertThat(switchEvents()).as("served by the first deployment").isEmpty();

        failing.add("A");
        engine.route(route("claude-sonnet-4-5", "s1"), attempt);
        assertThat(switchEvents()).singleElement().satisfies(e -> {
            assertThat(e.session()).isEqualTo("s1");
            assertThat(e.group()).isEqualTo("sonnet");
            assertThat(e.from()).isEqualTo("A");
            assertThat(e.to()).isEqualTo("B");
            assertThat(e.reason()).contains("rate limited (429)").contains("retry after 30 s");
        });

        engine.route(route("claude-sonnet-4-5", "s1"), attempt);
        assertThat(switchEvents()).as("still on B: no new switch").isEmpty();

        failing.clear();
        clock.advance(Duration.ofSeconds(31));
        engine.route(route("claude-sonnet-4-5", "s2"), attempt);
        assertThat(tried).as("another session probes A").endsWith("A");
        DeploymentHealth a = health.of(groups.group("sonnet").orElseThrow().deployments().get(0));
        for (int i = 0; i < 500 && a.state(clock.instant()) != DeploymentHealth.State.HEALTHY; i++) {
            engine.route(route("claude-sonnet-4-5", "new-" + i), attempt); // new sessions take A at a rising share
        }
        assertThat(a.state(clock.instant())).isEqualTo(DeploymentHealth.State.HEALTHY);
        switchEvents(); // theirs
        engine.route(route("claude-sonnet-4-5", "s1"), attempt);
        assertThat(switchEvents()).as("s1 stays on B until A has settled").isEmpty();

        clock.advance(Duration.ofSeconds(120)); // settled: 60 s, doubled for its one cooldown
        engine.route(route("claude-sonnet-4-5", "s1", false), attempt);
        assertThat(switchEvents()).as("not in the middle of a tool loop").isEmpty();
        engine.route(route("claude-sonnet-4-5", "s1", true), attempt);
        assertThat(switchEvents()).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo("B");
            assertThat(e.to()).isEqualTo("A");
            assertThat(e.reason()).startsWith("recovered");
        });
    }

    @Test
    void sessionWhoseFirstRequestIsServedByAFallbackGetsOneSwitchEvent() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")), noRetries(), clock);
        health.of(groups.group("sonnet").orElseThrow().deployments().get(0)).coolUntil(T0.plusSeconds(60));
        engine.route(route("sonnet", "fresh"), upstreams(id -> null));
        assertThat(switchEvents()).singleElement().satisfies(e -> {
            assertThat(e.session()).isEqualTo("fresh");
            assertThat(e.from()).isEqualTo("A");
            assertThat(e.to()).isEqualTo("B");
            assertThat(e.reason()).contains("A cooling down");
        });
        engine.route(route("sonnet", "fresh"), upstreams(id -> null));
        assertThat(switchEvents()).isEmpty();
    }

    @Test
    void passthroughDeploymentCoolsPerCallerCredential() {
        var engine = engine(List.of(Deployments.passthrough("sonnet", "anthropic/claude-sonnet-4-5", "sub"),
                withId("sonnet", "mock/b", "B")), noRetries(), clock);
        var resolution = groups.resolve("sonnet").orElseThrow();
        Outcome<String> alice = engine.route(new FallbackEngine.Route(resolution, "s-alice", "fp-alice"),
                upstreams(id -> id.equals("sub") ? RATE_LIMITED : null));
        assertThat(alice).isInstanceOfSatisfying(Outcome.Served.class, s -> assertThat(s.by().deployment().id()).isEqualTo("B"));

        tried.clear();
        Outcome<String> bob = engine.route(new FallbackEngine.Route(resolution, "s-bob", "fp-bob"), upstreams(id -> null));
        assertThat(tried).containsExactly("sub");
        assertThat(bob).isInstanceOfSatisfying(Outcome.Served.class, s -> assertThat(s.by().deployment().id()).isEqualTo("sub"));

        tried.clear();
        engine.route(new FallbackEngine.Route(resolution, "s-alice", "fp-alice"), upstreams(id -> null));
        assertThat(tried).as("still cooling for alice").containsExactly("B");
    }

    @Test
    void deploymentWithItsOwnKeyCoolsForEveryCaller() {
        var engine = engine(List.of(withId("sonnet", "mock/a", "A"), withId("sonnet", "mock/b", "B")), noRetries(), clock);
        var resolution = groups.resolve("sonnet").orElseThrow();
        engine.route(new FallbackEngine.Route(resolution, "s1", "fp-alice"), upstreams(id -> id.equals("A") ? RATE_LIMITED : null));
        tried.clear();
        engine.route(new FallbackEngine.Route(resolution, "s2", "fp-bob"), upstreams(id -> null));
        assertThat(tried).containsExactly("B");
    }

    private static Deployment withOrder(String group, String model, String id, int order) {
        Deployment d = withId(group, model, id);
        return new Deployment(d.modelName(), d.provider(), d.model(), d.apiBase(), d.apiKey(), d.rpm(), d.tpm(),
                d.timeout(), d.streamTimeout(), order, d.params(), d.modelInfo(), d.id(), d.line());
    }
}
