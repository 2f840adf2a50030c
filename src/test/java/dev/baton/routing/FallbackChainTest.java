package dev.baton.routing;

import static dev.baton.routing.Deployments.withId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Failure;
import dev.baton.config.BatonSettings;
import dev.baton.config.Deployment;
import dev.baton.config.RouterSettings;
import dev.baton.routing.FallbackEngine.AttemptResult;
import dev.baton.routing.FallbackEngine.Candidate;
import dev.baton.routing.FallbackEngine.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LiteLLM's fallback semantics: transitive `fallbacks` up to `max_fallbacks`, each group once; the special kinds. */
class FallbackChainTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private GroupResolver groups;
    private HealthRegistry health;

    private FallbackEngine engine(List<Deployment> ds, Map<String, List<String>> fallbacks, int maxFallbacks,
                                  Map<String, List<String>> contentPolicy) {
        groups = new GroupResolver(ds);
        health = new HealthRegistry();
        RouterSettings router = new RouterSettings(fallbacks, Map.of(), contentPolicy, maxFallbacks, Map.of(), 0, Duration.ofSeconds(5), 3,
                null, null);
        return new FallbackEngine(groups, router, BatonSettings.defaults(), health, new SwitchTracker(new SwitchBus(), clock), clock);
    }

    private List<String> chain(FallbackEngine e, String requested) {
        return e.chain(groups.resolve(requested).orElseThrow(), true).stream().map(c -> c.deployment().id()).toList();
    }

    @Test
    void aFallbackGroupsOwnFallbacksAreFollowedAsLiteLlmDoes() { // the config: Claude -> Gemini -> DeepSeek
        var e = engine(List.of(withId("claude-sonnet-4", "mock/a", "claude"), withId("gemini-flash", "mock/b", "gemini"),
                        withId("deepseek-r1", "mock/c", "deepseek")),
                Map.of("claude-sonnet-4", List.of("gemini-flash"), "gemini-flash", List.of("deepseek-r1")), 5, Map.of());
        assertThat(chain(e, "claude-sonnet-4")).containsExactly("claude", "gemini", "deepseek");
        List<String> tried = new ArrayList<>();
        Outcome<String> out = e.route(new FallbackEngine.Route(groups.resolve("claude-sonnet-4").orElseThrow(), "s", null), c -> {
            tried.add(c.deployment().id());
            return c.deployment().id().equals("deepseek") ? new AttemptResult.Ok<>("ok")
                    : new AttemptResult.Failed<>(new Failure.RateLimited(Duration.ofSeconds(30), Failure.RateLimitKind.TRANSIENT, "429"));
        });
        assertThat(tried).containsExactly("claude", "gemini", "deepseek");
        assertThat(out).isInstanceOf(Outcome.Served.class);
    }

    @Test
    void depthFirstEachGroupOnceAndNoDeeperThanMaxFallbacks() {
        List<Deployment> ds = List.of(withId("a", "mock/a", "A"), withId("b", "mock/b", "B"), withId("c", "mock/c", "C"),
                withId("d", "mock/d", "D"), withId("e", "mock/e", "E"));
        Map<String, List<String>> fb = Map.of("a", List.of("b", "c"), "b", List.of("d", "a"), "d", List.of("e", "b"));
        assertThat(chain(engine(ds, fb, 5, Map.of()), "a")).containsExactly("A", "B", "D", "E", "C");
        assertThat(chain(engine(ds, fb, 1, Map.of()), "a")).as("max_fallbacks 1: a's own fallbacks only").containsExactly("A", "B", "C");
        assertThat(chain(engine(ds, fb, 0, Map.of()), "a")).containsExactly("A");
    }

    @Test
    void aContentPolicyRefusalMovesOnToTheContentPolicyFallbacksAndBlamesNoDeployment() {
        var e = engine(List.of(withId("strict", "mock/a", "A"), withId("lenient", "mock/b", "B")), Map.of(), 5,
                Map.of("strict", List.of("lenient")));
        assertThat(chain(e, "strict")).as("not part of the ordinary chain").containsExactly("A");
        Outcome<String> out = e.route(new FallbackEngine.Route(groups.resolve("strict").orElseThrow(), "s", null), c ->
                c.deployment().id().equals("A") ? new AttemptResult.Failed<>(new Failure.ContentPolicy(400, "content_policy_violation"))
                        : new AttemptResult.Ok<>("ok"));
        assertThat(out).isInstanceOfSatisfying(Outcome.Served.class, s -> assertThat(s.by().deployment().id()).isEqualTo("B"));
        Candidate a = e.chain(groups.resolve("strict").orElseThrow(), true).get(0);
        assertThat(health.of(a.deployment()).state(clock.instant())).isEqualTo(DeploymentHealth.State.HEALTHY);
    }

    @Test
    void anAliasStandsForItsGroup() {
        var r = new GroupResolver(List.of(withId("claude-sonnet", "mock/a", "A")),
                Map.of("gpt-4", new RouterSettings.GroupAlias("claude-sonnet", false), "secret", new RouterSettings.GroupAlias("claude-sonnet", true)));
        assertThat(r.resolve("gpt-4").orElseThrow().group().name()).isEqualTo("claude-sonnet");
        assertThat(r.resolve("gpt-4").orElseThrow().allowListNames()).containsExactly("gpt-4", "claude-sonnet");
        assertThat(r.visibleAliases()).containsExactly("gpt-4");
    }
}
