package dev.baton.routing;

import dev.baton.config.Deployment;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.Wire;
import dev.baton.dialect.anthropic.AnthropicRequestDecoder;
import dev.baton.server.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What `baton.routes` costs a request: the field scan every request pays, then the rules' choice of group, for no
 * rules, the cheap ones (background, thinking, web_search) and all of them with long_context, whose count of the
 * input tokens is the expensive part once a body is larger in bytes than its threshold.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class RouteRulesBench {
    /** cc-request.json: an 83 KB Claude Code turn; cc-small.json: its 2 KB haiku title request. */
    @Param({"cc-request.json", "cc-small.json"})
    public String fixture;

    @Param({"none", "background+thinking+web_search", "all"})
    public String rules;

    private byte[] bytes;
    private String model;
    private RouteRules routeRules;

    @Setup
    public void setup() {
        bytes = Fixtures.read(fixture);
        model = JsonFields.of(bytes).node("model").asString();
        GroupResolver groups = new GroupResolver(List.of(deployment("claude-sonnet", "anthropic", "claude-sonnet-4-5"),
                deployment("claude-haiku", "anthropic", "claude-haiku-4-5"), deployment("cheap", "openai", "gpt-4.1-mini"),
                deployment("reasoning", "deepseek", "deepseek-reasoner"), deployment("search", "openai", "gpt-4o-search-preview"),
                deployment("long", "gemini", "gemini-2.5-pro")));
        Map<String, Object> cheap = Map.of("background", "cheap", "thinking", "reasoning", "web_search", "search");
        routeRules = switch (rules) {
            case "none" -> RouteRules.none(groups);
            case "all" -> {
                Map<String, Object> all = new java.util.HashMap<>(cheap);
                all.put("long_context", "long");
                yield RouteRulesReader.read(Map.of("routes", all), groups);
            }
            default -> RouteRulesReader.read(Map.of("routes", cheap), groups);
        };
    }

    private static Deployment deployment(String group, String provider, String model) {
        return new Deployment(group, provider, model, null, null, null, null, null, null, Deployment.DEFAULT_ORDER, Map.of(),
                Map.of(), group, 0);
    }

    /** The scan Baton runs on every request, then the group the rules pick. */
    @Benchmark
    public RouteRules.Routed scanAndRoute() {
        CallerBody body = new CallerBody(Wire.ANTHROPIC, JsonFields.of(bytes), AnthropicRequestDecoder::decode);
        return routeRules.route(model, body, bytes.length, group -> true).orElseThrow();
    }
}
