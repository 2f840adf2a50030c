package dev.baton.routing;

import static dev.baton.routing.Deployments.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ConfigException;
import dev.baton.config.RouterSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `baton.routes` is checked against model_list when the config is loaded; errors name the key at fault. */
class RouteRulesReaderTest {
    private static final GroupResolver GROUPS = new GroupResolver(List.of(
            of("claude-sonnet", "anthropic/claude-sonnet-4-5"),
            of("cheap", "openai/gpt-4.1-mini"),
            of("reasoning", "deepseek/deepseek-reasoner"),
            of("anthropic-any", "anthropic/*")));

    private static RouteRules read(Map<String, Object> routes) {
        return RouteRulesReader.read(Map.of("routes", routes), GROUPS);
    }

    private static String error(Map<String, Object> routes) {
        try {
            read(routes);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + routes);
    }

    @Test
    void absentMeansNoRules() {
        assertThat(RouteRulesReader.read(Map.of(), GROUPS).isEmpty()).isTrue();
    }

    @Test
    void aGroupThatIsNotInModelListIsAnErrorNamingTheKeyAndTheGroups() {
        assertThat(error(Map.of("thinking", "reasonng")))
                .startsWith("baton.routes.thinking: no model group 'reasonng' in model_list")
                .contains("[claude-sonnet, cheap, reasoning, anthropic-any]");
        assertThat(error(Map.of("long_context", Map.of("group", "gemini-long"))))
                .startsWith("baton.routes.long_context.group: no model group 'gemini-long'");
        assertThat(error(Map.of("auto", Map.of("small", "mini", "large", "cheap"))))
                .startsWith("baton.routes.auto.small: no model group 'mini'");
    }

    @Test
    void anAliasIsNotAGroupAndTheErrorSaysWhichGroupItStandsFor() {
        GroupResolver aliased = new GroupResolver(List.of(of("cheap", "openai/gpt-4.1-mini")),
                Map.of("fast", new RouterSettings.GroupAlias("cheap", false)));
        assertThatThrownBy(() -> RouteRulesReader.read(Map.of("routes", Map.of("background", "fast")), aliased))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("baton.routes.background: no model group 'fast'")
                .hasMessageContaining("'fast' is an alias of 'cheap'");
    }

    @Test
    void aGroupWithAWildcardModelIsRefused() {
        assertThat(error(Map.of("background", "anthropic-any")))
                .startsWith("baton.routes.background: group 'anthropic-any' has a deployment whose model is 'anthropic/*'");
    }

    @Test
    void unknownKeysAreErrorsAndClaudeCodeRoutersNamesAreTranslated() {
        assertThat(error(Map.of("think", "reasoning"))).startsWith("baton.routes.think: not a known key (claude-code-router's think is thinking)")
                .contains("known: long_context, web_search, thinking, background, auto");
        assertThat(error(Map.of("longContext", "reasoning"))).contains("claude-code-router's longContext is long_context");
        assertThat(error(Map.of("backgrond", "cheap"))).startsWith("baton.routes.backgrond: not a known key;");
        assertThat(error(Map.of("thinking", Map.of("group", "reasoning", "threshold_tokens", 5L))))
                .startsWith("baton.routes.thinking.threshold_tokens: not a known key; known: group");
    }

    @Test
    void autoNeedsBothGroupsAndAWholeThreshold() {
        assertThat(error(Map.of("auto", Map.of("small", "cheap")))).startsWith("baton.routes.auto.large: missing");
        assertThat(error(Map.of("auto", "cheap"))).startsWith("baton.routes.auto: expected a mapping, got text");
        assertThat(error(Map.of("auto", Map.of("small", "cheap", "large", "claude-sonnet", "threshold_tokens", 1.5))))
                .startsWith("baton.routes.auto.threshold_tokens: expected a whole number of tokens");
        assertThat(error(Map.of("long_context", Map.of("group", "claude-sonnet", "threshold_tokens", -3L))))
                .startsWith("baton.routes.long_context.threshold_tokens: expected a positive number");
    }

    @Test
    void autoMayNotHideAGroupOrAliasOfThatName() {
        GroupResolver withAuto = new GroupResolver(List.of(of("auto", "openai/gpt-4.1"), of("cheap", "openai/gpt-4.1-mini")));
        assertThatThrownBy(() -> RouteRulesReader.read(Map.of("routes", Map.of("auto", Map.of("small", "cheap", "large", "cheap"))), withAuto))
                .hasMessageStartingWith("baton.routes.auto: model_list has a group named 'auto'");
        GroupResolver aliasAuto = new GroupResolver(List.of(of("cheap", "openai/gpt-4.1-mini")),
                Map.of("auto", new RouterSettings.GroupAlias("cheap", false)));
        assertThatThrownBy(() -> RouteRulesReader.read(Map.of("routes", Map.of("auto", Map.of("small", "cheap", "large", "cheap"))), aliasAuto))
                .hasMessageStartingWith("baton.routes.auto: model_group_alias defines 'auto'");
    }

    @Test
    void theShortAndTheLongFormMeanTheSame() {
        assertThat(read(Map.of("thinking", "reasoning")).describe()).isEqualTo(read(Map.of("thinking", Map.of("group", "reasoning"))).describe());
    }

    @Test
    void routesMustBeAMapping() {
        assertThatThrownBy(() -> RouteRulesReader.read(Map.of("routes", "reasoning"), GROUPS))
                .hasMessage("baton.routes: expected a mapping, got text");
    }
}
