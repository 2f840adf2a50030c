package dev.baton.routing;

import static dev.baton.routing.Deployments.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dialect.CallerBody;
import dev.baton.dialect.Json;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.Wire;
import dev.baton.dialect.anthropic.AnthropicRequestDecoder;
import dev.baton.dialect.openai.OpenAiRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Which group `baton.routes` sends a request to, and which rule chose it. */
class RouteRulesTest {
    private static final GroupResolver GROUPS = new GroupResolver(List.of(
            of("claude-sonnet", "anthropic/claude-sonnet-4-5"),
            of("claude-haiku", "anthropic/claude-haiku-4-5"),
            of("cheap", "openai/gpt-4.1-mini"),
            of("reasoning", "deepseek/deepseek-reasoner"),
            of("long", "gemini/gemini-2.5-pro"),
            of("search", "openai/gpt-4o-search-preview"),
            of("mini", "openai/gpt-4.1-mini"),
            of("standard", "openai/gpt-4.1"),
            of("*", "anthropic/*")));
    private static final int LONG = 3000;
    private static final int AUTO_LIMIT = 400;
    private static final Predicate<String> ANY = g -> true;

    private static RouteRules rules() {
        Map<String, Object> routes = new LinkedHashMap<>();
        routes.put("background", "cheap");
        routes.put("thinking", "reasoning");
        routes.put("long_context", Map.of("group", "long", "threshold_tokens", (long) LONG));
        routes.put("web_search", "search");
        routes.put("auto", Map.of("small", "mini", "large", "standard", "threshold_tokens", (long) AUTO_LIMIT));
        return RouteRulesReader.read(Map.of("routes", routes), GROUPS);
    }

    private static CallerBody anthropic(String json) {
        return new CallerBody(Wire.ANTHROPIC, JsonFields.of(json.getBytes(StandardCharsets.UTF_8)), AnthropicRequestDecoder::decode);
    }

    private static CallerBody openai(String json) {
        return new CallerBody(Wire.OPENAI, JsonFields.of(json.getBytes(StandardCharsets.UTF_8)), OpenAiRequestDecoder::decode);
    }

    /** A Messages body; {@code extra} is spliced in as further top-level fields (`"thinking":{...}`). */
    private static String message(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64," + (extra.isEmpty() ? "" : extra + ",")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static String message(String model, String extra) {
        return message(model, "Hello", extra);
    }

    private static RouteRules.Routed route(RouteRules rules, String model, CallerBody body, Predicate<String> mayUse) {
        return rules.route(model, body, body.size(), mayUse).orElseThrow();
    }

    private static RouteRules.Routed route(String model, CallerBody body) {
        return route(rules(), model, body, ANY);
    }

    private static String words(int n) {
        return "lorem ipsum dolor sit amet ".repeat(n / 5 + 1);
    }

    @Test
    void claudeCodesHaikuCallsGoToTheBackgroundGroupKeepingTheRequestedId() {
        RouteRules.Routed r = route("claude-haiku-4-5-20251001", anthropic(message("claude-haiku-4-5-20251001", "")));

        assertThat(r.rule()).isEqualTo(RouteRules.Rule.BACKGROUND);
        assertThat(r.resolution().group().name()).isEqualTo("cheap");
        assertThat(r.resolution().requested()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(r.resolution().upstreamModel(r.resolution().group().deployments().get(0))).isEqualTo("gpt-4.1-mini");
        assertThat(r.resolution().allowListNames()).containsExactly("claude-haiku-4-5-20251001", "cheap");
        // any haiku id, old or new, by family
        assertThat(route("claude-3-5-haiku-latest", anthropic(message("claude-3-5-haiku-latest", ""))).rule())
                .isEqualTo(RouteRules.Rule.BACKGROUND);
    }

    @Test
    void aPlainSonnetRequestStaysOnItsGroupWithNoRule() {
        RouteRules.Routed r = route("claude-sonnet-4-5", anthropic(message("claude-sonnet-4-5", "")));

        assertThat(r.rule()).isNull();
        assertThat(r.resolution().group().name()).isEqualTo("claude-sonnet");
    }

    @Test
    void thinkingEnabledOrAdaptiveGoesToTheReasoningGroupAndDisabledDoesNot() {
        String enabled = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}";
        String adaptive = "\"thinking\":{\"type\":\"adaptive\"}";
        String disabled = "\"thinking\":{\"type\":\"disabled\"}";

        assertThat(route("claude-sonnet-4-5", anthropic(message("claude-sonnet-4-5", enabled))).resolution().group().name()).isEqualTo("reasoning");
        assertThat(route("claude-sonnet-4-5", anthropic(message("claude-sonnet-4-5", adaptive))).rule()).isEqualTo(RouteRules.Rule.THINKING);
        assertThat(route("claude-sonnet-4-5", anthropic(message("claude-sonnet-4-5", disabled))).rule()).isNull();
    }

    @Test
    void openAiReasoningEffortIsThinkingUnlessNone() {
        String high = "{\"model\":\"standard\",\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String none = "{\"model\":\"standard\",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        assertThat(route("standard", openai(high)).resolution().group().name()).isEqualTo("reasoning");
        assertThat(route("standard", openai(none)).resolution().group().name()).isEqualTo("standard");
    }

    @Test
    void aWebSearchServerToolOrOpenAisSearchOptionGoesToTheSearchGroup() {
        String tool = "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}]";
        String clientTool = "\"tools\":[{\"name\":\"WebSearch\",\"input_schema\":{\"type\":\"object\"}}]";
        String options = "{\"model\":\"standard\",\"web_search_options\":{},\"messages\":[{\"role\":\"user\",\"content\":\"news?\"}]}";

        assertThat(route("claude-sonnet-4-5", anthropic(message("claude-sonnet-4-5", tool))).rule()).isEqualTo(RouteRules.Rule.WEB_SEARCH);
        assertThat(route("claude-sonnet-4-5", anthropic(message("claude-sonnet-4-5", clientTool))).rule()).isNull();
        assertThat(route("standard", openai(options)).resolution().group().name()).isEqualTo("search");
        // the words alone are not a search tool, and a body Baton holds as a tree is read the same way
        assertThat(route("claude-sonnet-4-5", anthropic(message("claude-sonnet-4-5", "use web_search", clientTool))).rule()).isNull();
        CallerBody tree = new CallerBody(Wire.ANTHROPIC, (ObjectNode) Json.MAPPER.readTree(message("claude-sonnet-4-5", tool)),
                AnthropicRequestDecoder::decode);
        assertThat(route("claude-sonnet-4-5", tree).rule()).isEqualTo(RouteRules.Rule.WEB_SEARCH);
    }

    @Test
    void longContextFiresOnlyAboveTheThresholdOfEstimatedTokens() {
        String body = message("claude-sonnet-4-5", words(LONG), "");
        int tokens = anthropic(body).inputTokens();
        assertThat(tokens).isGreaterThan(body.length() / 10); // a real count, not a token per byte

        // "over N" is strictly more than N, as in claude-code-router
        assertThat(route(longContext(tokens), "claude-sonnet-4-5", anthropic(body), ANY).rule()).isNull();
        RouteRules.Routed over = route(longContext(tokens - 1), "claude-sonnet-4-5", anthropic(body), ANY);
        assertThat(over.rule()).isEqualTo(RouteRules.Rule.LONG_CONTEXT);
        assertThat(over.resolution().group().name()).isEqualTo("long");
    }

    private static RouteRules longContext(int threshold) {
        return RouteRulesReader.read(Map.of("routes", Map.of("long_context", Map.of("group", "long", "threshold_tokens", (long) threshold))), GROUPS);
    }

    @Test
    void theLongContextThresholdDefaultsToClaudeCodeRoutersSixtyThousand() {
        RouteRules rules = RouteRulesReader.read(Map.of("routes", Map.of("long_context", "long")), GROUPS);
        assertThat(rules.describe()).contains("long_context: more than 60000 estimated input tokens -> long");
    }

    @Test
    void precedenceIsLongContextThenWebSearchThenThinkingThenBackground() {
        String search = "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]";
        String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}";
        String haiku = "claude-haiku-4-5";

        assertThat(route(haiku, anthropic(message(haiku, words(LONG * 2), search + "," + thinking))).rule())
                .isEqualTo(RouteRules.Rule.LONG_CONTEXT);
        assertThat(route(haiku, anthropic(message(haiku, search + "," + thinking))).rule()).isEqualTo(RouteRules.Rule.WEB_SEARCH);
        assertThat(route(haiku, anthropic(message(haiku, thinking))).rule()).isEqualTo(RouteRules.Rule.THINKING);
        assertThat(route(haiku, anthropic(message(haiku, ""))).rule()).isEqualTo(RouteRules.Rule.BACKGROUND);
    }

    @Test
    void aRuleWhoseGroupTheKeyMayNotUseIsPassedOverForTheNextOne() {
        String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}";
        CallerBody body = anthropic(message("claude-haiku-4-5", thinking));

        RouteRules.Routed noReasoning = route(rules(), "claude-haiku-4-5", body, g -> !g.equals("reasoning"));
        assertThat(noReasoning.rule()).isEqualTo(RouteRules.Rule.BACKGROUND);
        assertThat(noReasoning.resolution().group().name()).isEqualTo("cheap");

        Set<String> onlyHaiku = Set.of("claude-haiku");
        RouteRules.Routed neither = route(rules(), "claude-haiku-4-5", body, onlyHaiku::contains);
        assertThat(neither.rule()).isNull();
        assertThat(neither.resolution().group().name()).isEqualTo("claude-haiku");
    }

    @Test
    void aRuleWhoseGroupIsAlreadyTheRequestsChangesNothingAndStopsTheSearch() {
        // "reasoning" asked for by name with thinking on and a haiku-free id: stays, and no later rule moves it
        RouteRules.Routed r = route("reasoning", anthropic(message("reasoning", "\"thinking\":{\"type\":\"adaptive\"}")));
        assertThat(r.rule()).isNull();
        assertThat(r.resolution().group().name()).isEqualTo("reasoning");
        assertThat(r.resolution().requested()).isEqualTo("reasoning");
    }

    @Test
    void autoPicksSmallForAShortRequestWithoutToolsAndLargeOtherwise() {
        String tools = "\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}]";

        RouteRules.Routed small = route("auto", anthropic(message("auto", "")));
        assertThat(small.rule()).isEqualTo(RouteRules.Rule.AUTO);
        assertThat(small.resolution().group().name()).isEqualTo("mini");
        assertThat(small.resolution().requested()).isEqualTo("auto");
        assertThat(small.resolution().upstreamModel(small.resolution().group().deployments().get(0))).isEqualTo("gpt-4.1-mini");

        assertThat(route("auto", anthropic(message("auto", tools))).resolution().group().name()).isEqualTo("standard");
        assertThat(route("auto", anthropic(message("auto", words(AUTO_LIMIT * 2), ""))).resolution().group().name()).isEqualTo("standard");
        String openAiShort = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String openAiFunctions = "{\"model\":\"auto\",\"functions\":[{\"name\":\"f\",\"parameters\":{}}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(route("auto", openai(openAiShort)).resolution().group().name()).isEqualTo("mini");
        assertThat(route("auto", openai(openAiFunctions)).resolution().group().name()).isEqualTo("standard");
        // an empty tools list is no tools
        assertThat(route("auto", anthropic(message("auto", "\"tools\":[]"))).resolution().group().name()).isEqualTo("mini");
    }

    @Test
    void autoYieldsToTheRulesForWhatItsRequestNeeds() {
        RouteRules.Routed r = route("auto", anthropic(message("auto", "\"thinking\":{\"type\":\"adaptive\"}")));
        assertThat(r.rule()).isEqualTo(RouteRules.Rule.THINKING);
        assertThat(r.resolution().group().name()).isEqualTo("reasoning");
        assertThat(r.resolution().requested()).isEqualTo("auto");
    }

    @Test
    void autoTakesTheOtherGroupWhenTheKeyMayUseOnlyThat() {
        CallerBody shortBody = anthropic(message("auto", ""));
        assertThat(route(rules(), "auto", shortBody, Set.of("standard")::contains).resolution().group().name()).isEqualTo("standard");
        // a key that names `auto` may use whichever it picks
        assertThat(route(rules(), "auto", shortBody, Set.of("auto")::contains).resolution().group().name()).isEqualTo("mini");
        // one that may use neither keeps the pick, and the key check refuses it later
        assertThat(route(rules(), "auto", shortBody, g -> false).resolution().allowListNames()).containsExactly("auto", "mini");
    }

    @Test
    void withoutAutoConfiguredTheNameAutoResolvesLikeAnyOther() {
        RouteRules none = RouteRules.none(GROUPS);
        RouteRules.Routed r = route(none, "auto", anthropic(message("auto", "")), ANY);
        assertThat(r.rule()).isNull();
        assertThat(r.resolution().group().name()).isEqualTo("*");
        assertThat(none.virtualModels(ANY)).isEmpty();
    }

    @Test
    void withoutRulesEveryRequestGoesToItsOwnGroup() {
        RouteRules none = RouteRules.none(GROUPS);
        String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}";
        RouteRules.Routed r = route(none, "claude-haiku-4-5", anthropic(message("claude-haiku-4-5", words(LONG * 2), thinking)), ANY);
        assertThat(r.rule()).isNull();
        assertThat(r.resolution().group().name()).isEqualTo("claude-haiku");
        assertThat(none.describe()).isEmpty();
    }

    @Test
    void anUnknownModelIsStillUnknown() {
        GroupResolver named = new GroupResolver(List.of(of("mini", "openai/gpt-4.1-mini"), of("standard", "openai/gpt-4.1")));
        RouteRules rules = RouteRulesReader.read(Map.of("routes", Map.of("auto", Map.of("small", "mini", "large", "standard"))), named);
        CallerBody body = openai("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(rules.route("gpt-5", body, body.size(), ANY)).isEmpty();
    }

    @Test
    void autoIsOfferedToKeysThatMayUseItOrOneOfItsGroups() {
        RouteRules rules = rules();
        assertThat(rules.virtualModels(ANY)).containsExactly("auto");
        assertThat(rules.virtualModels(Set.of("mini")::contains)).containsExactly("auto");
        assertThat(rules.virtualModels(Set.of("auto")::contains)).containsExactly("auto");
        assertThat(rules.virtualModels(Set.of("claude-sonnet")::contains)).isEmpty();
    }

    @Test
    void describeListsTheRulesInTheOrderTheyAreTried() {
        assertThat(rules().describe()).isEqualTo("""
                Route rules (baton.routes, the first that matches wins):
                  long_context: more than 3000 estimated input tokens -> long
                  web_search: a web_search tool -> search
                  thinking: thinking or reasoning_effort -> reasoning
                  background: a haiku-family model (Claude Code's background calls) -> cheap
                  auto: model 'auto' -> mini up to 400 estimated input tokens without tools, else standard
                """);
    }
}
