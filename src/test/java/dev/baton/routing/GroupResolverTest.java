package dev.baton.routing;

import static dev.baton.routing.Deployments.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupResolverTest {

    private static String groupFor(GroupResolver r, String requested) {
        return r.resolve(requested).orElseThrow(() -> new AssertionError("no group for " + requested)).group().name();
    }

    @Test
    void exactModelNameWinsOverWildcardsAndFamilies() {
        var r = new GroupResolver(List.of(
                of("claude-sonnet", "anthropic/claude-sonnet-4-5"),
                of("anthropic/*", "anthropic/*"),
                of("claude-sonnet-4-5-20250929", "anthropic/glm-4.6"),
                of("*", "anthropic/*")));
        assertThat(groupFor(r, "claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void anthropicWildcardPassesThePartAfterThePrefixAsUpstreamModel() {
        Deployment any = of("anthropic/*", "anthropic/*");
        var r = new GroupResolver(List.of(of("*", "mock/*"), any));
        var res = r.resolve("anthropic/claude-opus-4-1").orElseThrow();
        assertThat(res.group().name()).isEqualTo("anthropic/*");
        assertThat(res.upstreamModel(any)).isEqualTo("claude-opus-4-1");
    }

    @Test
    void catchAllStarIsTriedLast() {
        var r = new GroupResolver(List.of(
                of("*", "mock/*"),
                of("anthropic/*", "anthropic/*"),
                of("claude-sonnet", "anthropic/claude-sonnet-4-5")));
        assertThat(groupFor(r, "anthropic/claude-x")).isEqualTo("anthropic/*");
        assertThat(groupFor(r, "claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet");
        assertThat(groupFor(r, "gpt-4o")).isEqualTo("*");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "claude-sonnet-4-5-20250929, sonnet-group",
            "claude-3-5-sonnet-latest, sonnet-group",
            "claude-sonnet-4-5[1m], sonnet-group",
            "anthropic.claude-3-7-sonnet-20250219-v1:0, sonnet-group",
            "us.anthropic.claude-sonnet-4-20250514-v1:0, sonnet-group",
            "claude-3-5-haiku-20241022, claude-haiku",
            "claude-haiku-4-5-20251001, claude-haiku",
            "claude-opus-4-1, claude-opus",
            "claude-opus-4-1-20250805, claude-opus",
    })
    void familyPatternsRouteDatedAliasAndProviderSpellings(String requested, String group) {
        var r = new GroupResolver(List.of(
                of("main", "anthropic/glm-4.6"),
                of("claude-haiku", "anthropic/glm-4.5-air"),
                of("sonnet-group", "anthropic/claude-sonnet-4-5"), // family named by its deployment
                of("claude-opus", "anthropic/kimi-k2")));
        assertThat(groupFor(r, requested)).isEqualTo(group);
    }

    @Test
    void claudeIdWithNoFamilyGroupGoesToTheFirstGroup() {
        var r = new GroupResolver(List.of(of("main", "anthropic/deepseek-chat"), of("other", "anthropic/glm-4.6")));
        assertThat(groupFor(r, "claude-opus-4-1")).isEqualTo("main");
        assertThat(groupFor(r, "claude-2.1")).isEqualTo("main");
    }

    @Test
    void claudeIdWithNoFamilyGroupPrefersAGroupNotNamedForAnotherFamily() {
        var r = new GroupResolver(List.of(of("claude-haiku", "anthropic/glm-4.5-air"), of("main", "anthropic/glm-4.6")));
        assertThat(groupFor(r, "claude-opus-4-1")).isEqualTo("main");
        var onlyFamilies = new GroupResolver(List.of(of("claude-haiku", "anthropic/glm-4.5-air"), of("claude-sonnet", "anthropic/glm-4.6")));
        assertThat(groupFor(onlyFamilies, "claude-opus-4-1")).isEqualTo("claude-haiku");
    }

    @Test
    void unknownNonClaudeIdResolvesToNothing() {
        var r = new GroupResolver(List.of(of("claude-sonnet", "anthropic/claude-sonnet-4-5")));
        assertThat(r.resolve("gpt-4o")).isEmpty();
    }

    @Test
    void groupNamedForAnotherFamilyIsNotChosenThroughItsDeployments() {
        // "claude-haiku" is served by a Sonnet model, but it is named for Haiku: Sonnet requests go to claude-sonnet
        var r = new GroupResolver(List.of(
                of("claude-haiku", "anthropic/claude-sonnet-4-5"),
                of("claude-sonnet", "anthropic/glm-4.6")));
        assertThat(groupFor(r, "claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet");
        assertThat(groupFor(r, "claude-haiku-4-5-20251001")).isEqualTo("claude-haiku");
    }

    @Test
    void deploymentModelStarAsksForTheRequestedId() {
        Deployment star = of("claude-sonnet", "anthropic/*");
        var r = new GroupResolver(List.of(star));
        assertThat(r.resolve("claude-sonnet-4-5-20250929").orElseThrow().upstreamModel(star)).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(r.resolve("anthropic/claude-sonnet-4-5").orElseThrow().upstreamModel(star)).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void catchAllStarDeploymentAsksForTheRequestedId() {
        Deployment star = of("*", "anthropic/*");
        var r = new GroupResolver(List.of(star));
        assertThat(r.resolve("gpt-4o").orElseThrow().upstreamModel(star)).isEqualTo("gpt-4o");
    }

    @Test
    void fixedDeploymentModelIgnoresTheRequestedId() {
        Deployment fixed = of("claude-sonnet", "anthropic/glm-4.6");
        var r = new GroupResolver(List.of(fixed));
        assertThat(r.resolve("claude-sonnet-4-5-20250929").orElseThrow().upstreamModel(fixed)).isEqualTo("glm-4.6");
    }

    @Test
    void requestingTheGroupNameItselfUsesTheDeploymentsDefaultModel() {
        Deployment star = of("claude-sonnet", "anthropic/*", Deployment.DEFAULT_ORDER, Map.of("default_model", "claude-sonnet-4-5"));
        var r = new GroupResolver(List.of(star));
        assertThat(r.resolve("claude-sonnet").orElseThrow().upstreamModel(star)).isEqualTo("claude-sonnet-4-5");
        assertThat(r.resolve("claude-sonnet-4-5-20250929").orElseThrow().upstreamModel(star)).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void groupKeepsDeploymentsInOrderThenFileOrder() {
        var r = new GroupResolver(List.of(
                of("g", "mock/c"), of("g", "mock/b", 2), of("g", "mock/a", 1), of("g", "mock/d")));
        assertThat(r.group("g").orElseThrow().deployments()).extracting(Deployment::model).containsExactly("a", "b", "c", "d");
    }
}
