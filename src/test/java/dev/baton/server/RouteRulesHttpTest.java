package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.UsageRecord;
import dev.baton.testing.FakeAnthropic;
import dev.baton.testing.FakeOpenAi;
import dev.baton.testing.Fault;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton.routes` over HTTP, on both caller routes: Claude Code's haiku calls to a cheap group, thinking to a reasoning
 * group, long requests to a long-context group, and the virtual model `auto`; each answer says which rule chose.
 */
class RouteRulesHttpTest {
    private static final String MASTER = "sk-master-routes-1";
    private static final String ROUTES = "{background: cheap, thinking: reasoning, long_context: {group: long-context, threshold_tokens: 3000},"
            + " web_search: search, auto: {small: mini, large: standard, threshold_tokens: 500}}";

    @TempDir static Path dir;
    static FakeAnthropic main;
    static FakeAnthropic reasoner;
    static FakeAnthropic longContext;
    static FakeOpenAi cheap;
    static FakeOpenAi small;
    static FakeOpenAi large;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        main = FakeAnthropic.start("main");
        reasoner = FakeAnthropic.start("reasoner");
        longContext = FakeAnthropic.start("long");
        cheap = FakeOpenAi.start("cheap");
        small = FakeOpenAi.start("small");
        large = FakeOpenAi.start("large");
        gw = TestGateway.builder(dir).masterKey(MASTER).general("allow_master_key_traffic", "true") // and a virtual key in one test
                .deployment("claude-sonnet", "main", "anthropic/claude-sonnet-4-5", main.baseUrl(), "sk-test-main")
                .deployment("claude-haiku", "main-haiku", "anthropic/claude-haiku-4-5", main.baseUrl(), "sk-test-main")
                .deployment("cheap", "cheap", "openai/gpt-4.1-nano", cheap.baseUrl() + "/v1", "sk-test-cheap")
                .deployment("reasoning", "reasoner", "anthropic/claude-opus-4-1", reasoner.baseUrl(), "sk-test-reasoner")
                .deployment("long-context", "long", "anthropic/claude-sonnet-4-5-long", longContext.baseUrl(), "sk-test-long")
                .deployment("search", "searcher", "anthropic/claude-sonnet-4-5-search", longContext.baseUrl(), "sk-test-search")
                .deployment("mini", "small", "openai/gpt-4.1-mini", small.baseUrl() + "/v1", "sk-test-small")
                .deployment("standard", "large", "openai/gpt-4.1", large.baseUrl() + "/v1", "sk-test-large")
                .router("fallbacks", "[{\"reasoning\": [\"claude-sonnet\"]}]")
                .baton("routes", ROUTES)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        for (AutoCloseable f : List.<AutoCloseable>of(main, reasoner, longContext, cheap, small, large)) f.close();
    }

    @BeforeEach
    void clear() {
        for (var f : List.of(main, reasoner, longContext)) f.reset();
        for (var f : List.of(cheap, small, large)) f.reset();
    }

    // each request its own session, so that no test's fallback makes another's session stick to a deployment
    private static HttpResponse<String> messages(String body) {
        return gw.post("/v1/messages", body, "x-api-key", MASTER, "x-claude-code-session-id", UUID.randomUUID().toString());
    }

    private static HttpResponse<String> chat(String body) {
        return gw.post("/v1/chat/completions", body, "authorization", "Bearer " + MASTER,
                "x-claude-code-session-id", UUID.randomUUID().toString());
    }

    private static String messageBody(String model, String text, String extra, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":4096,\"stream\":" + stream + "," + (extra.isEmpty() ? "" : extra + ",")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static String chatBody(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\"," + (extra.isEmpty() ? "" : extra + ",")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** Plenty of words: well over the long-context threshold of 3000 estimated tokens. */
    private static String longText() {
        return "the quick brown fox jumps over the lazy dog ".repeat(600);
    }

    private static void servedBy(HttpResponse<String> r, String deployment, String rule) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue(deployment);
        if (rule == null) assertThat(r.headers().firstValue("x-baton-route")).isEmpty();
        else assertThat(r.headers().firstValue("x-baton-route")).hasValue(rule);
    }

    @Test
    void claudeCodesHaikuTitleRequestGoesToTheBackgroundGroup() {
        String title = "{\"model\":\"claude-haiku-4-5-20251001\",\"max_tokens\":512,\"stream\":false,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Analyze if this message indicates a new conversation topic. Format your response as a JSON object with 'isNewTopic' and 'title'.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"fix the flaky login test\"}]}";

        HttpResponse<String> r = messages(title);

        servedBy(r, "cheap", "background");
        assertThat(cheap.takeRequest().json().path("model").asString()).isEqualTo("gpt-4.1-nano");
        assertThat(main.requestCount()).isZero();
        UsageRecord record = gw.records(1).get(0);
        assertThat(record.requestedModel()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(record.modelGroup()).isEqualTo("cheap");
    }

    @Test
    void aSonnetRequestWithoutAnythingSpecialStaysWhereItAsked() {
        servedBy(messages(messageBody("claude-sonnet-4-5-20250929", "hello", "", false)), "main", null);
    }

    @Test
    void aThinkingRequestGoesToTheReasoningGroupOnBothRoutes() {
        String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}";
        HttpResponse<String> streamed = messages(messageBody("claude-sonnet-4-5-20250929", "think hard", thinking, true));
        servedBy(streamed, "reasoner", "thinking");
        assertThat(reasoner.takeRequest().json().path("model").asString()).isEqualTo("claude-opus-4-1");

        HttpResponse<String> openai = chat(chatBody("claude-sonnet-4-5", "think hard", "\"reasoning_effort\":\"high\""));
        servedBy(openai, "reasoner", "thinking");
        var got = reasoner.takeRequest().json(); // translated: the effort became a thinking budget
        assertThat(got.path("model").asString()).isEqualTo("claude-opus-4-1");
        assertThat(got.path("thinking").path("type").asString()).isIn("enabled", "adaptive");
        assertThat(main.requestCount()).isZero();
    }

    @Test
    void aLongRequestGoesToTheLongContextGroupOnBothRoutes() {
        servedBy(messages(messageBody("claude-sonnet-4-5-20250929", longText(), "", false)), "long", "long_context");
        servedBy(chat(chatBody("claude-sonnet-4-5", longText(), "")), "long", "long_context");
        assertThat(longContext.takeRequest().json().path("model").asString()).isEqualTo("claude-sonnet-4-5-long");
        assertThat(main.requestCount()).isZero();
    }

    @Test
    void aWebSearchRequestGoesToTheSearchGroup() {
        String search = "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3}]";
        servedBy(messages(messageBody("claude-sonnet-4-5-20250929", "what changed in java 25?", search, false)), "searcher", "web_search");
    }

    @Test
    void autoPicksMiniForAShortRequestWithoutToolsAndStandardOtherwiseOnBothRoutes() {
        servedBy(chat(chatBody("auto", "hi", "")), "small", "auto");
        assertThat(small.takeRequest().json().path("model").asString()).isEqualTo("gpt-4.1-mini");
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"read\",\"parameters\":{\"type\":\"object\"}}}]";
        servedBy(chat(chatBody("auto", "hi", tools)), "large", "auto");

        HttpResponse<String> shortAnthropic = messages(messageBody("auto", "hi", "", false));
        servedBy(shortAnthropic, "small", "auto");
        assertThat(Wire.json(shortAnthropic.body()).path("model").asString()).isEqualTo("auto"); // the caller's name, translated back
        servedBy(messages(messageBody("auto", "the quick brown fox ".repeat(200), "", true)), "large", "auto");

        List<UsageRecord> records = gw.records(4);
        assertThat(records).extracting(UsageRecord::requestedModel).containsOnly("auto");
        assertThat(records).extracting(UsageRecord::modelGroup).containsExactly("mini", "standard", "mini", "standard");
    }

    @Test
    void autoIsListedInTheModels() {
        HttpResponse<String> r = gw.get("/v1/models", "authorization", "Bearer " + MASTER);
        assertThat(Wire.json(r.body()).path("data").findValuesAsString("id")).contains("auto", "mini", "standard", "claude-sonnet");
    }

    @Test
    void aKeyThatMayNotUseTheRulesGroupStaysOnTheGroupItAskedFor() {
        HttpResponse<String> k = gw.post("/key/generate", "{\"models\":[\"claude-sonnet\"]}", "authorization", "Bearer " + MASTER);
        String key = Wire.json(k.body()).path("key").asString();

        HttpResponse<String> r = gw.post("/v1/messages",
                messageBody("claude-sonnet-4-5-20250929", "think", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}", false),
                "x-api-key", key);

        servedBy(r, "main", null);
        assertThat(reasoner.requestCount()).isZero();
    }

    @Test
    void theRulesGroupFallsBackAsItsOwnFallbacksSayUnlessTheCallerOptsOut() {
        reasoner.always(Fault.rateLimited(Duration.ofSeconds(30)));
        String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}";
        try {
            HttpResponse<String> optedOut = messages(messageBody("claude-sonnet-4-5", "think", thinking + ",\"disable_fallbacks\":true", false));
            assertThat(optedOut.statusCode()).isEqualTo(429);
            assertThat(optedOut.headers().firstValue("x-baton-route")).hasValue("thinking");
            assertThat(main.requestCount()).isZero();

            servedBy(messages(messageBody("claude-sonnet-4-5", "think", thinking, false)), "main", "thinking");
        } finally {
            gw.gateway.engine().health().of(gw.deployment("reasoner")).recover();
        }
    }

    @Test
    void countTokensCountsWithTheGroupTheRulesPick() {
        String longCount = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"" + longText() + "\"}]}";
        HttpResponse<String> r = gw.post("/v1/messages/count_tokens", longCount, "x-api-key", MASTER, "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-count-source")).hasValue("upstream");
        assertThat(longContext.takeRequest().json().path("model").asString()).isEqualTo("claude-sonnet-4-5-long");
        assertThat(main.requestCount()).isZero();

        String shortCount = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"short\"}]}";
        gw.post("/v1/messages/count_tokens", shortCount, "x-api-key", MASTER, "anthropic-version", "2023-06-01");
        assertThat(main.takeRequest().pathWithoutQuery()).isEqualTo("/v1/messages/count_tokens");
    }

    @Test
    void aRuleNamingAGroupThatIsNotThereStopsTheGatewayFromStarting() {
        assertThatThrownBy(() -> TestGateway.builder(dir).mock("claude-sonnet", "m").baton("routes", "{thinking: reasoning}").start())
                .hasRootCauseMessage("baton.routes.thinking: no model group 'reasoning' in model_list; groups: [claude-sonnet]");
    }
}
