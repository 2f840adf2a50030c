package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.dialect.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `baton models`: the catalog's answer for each configured deployment, and where each figure came from. */
class ModelsCommandTest {
    @TempDir Path dir;
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

    private Path config() throws IOException {
        Files.writeString(dir.resolve("prices.json"), """
                {"glm-4.6": {"input_cost_per_token": 6e-7, "output_cost_per_token": 2.2e-6, "max_input_tokens": 200000,
                             "max_output_tokens": 128000}}""");
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: openai/deepseek-chat
                      api_base: https://relay.example.com/v1
                      api_key: sk-relay
                    model_info:
                      id: relay
                  - model_name: claude-sonnet
                    litellm_params:
                      model: gemini/gemini-9-ultra
                      api_key: sk-gemini
                    model_info:
                      id: new-gemini
                      max_output_tokens: 32768
                  - model_name: claude-haiku
                    litellm_params:
                      model: anthropic/glm-4.6
                      api_base: https://api.z.ai/api/anthropic
                      api_key: sk-zai
                    model_info:
                      id: zai
                baton:
                  pricing_file: "%s"
                """.formatted(dir.resolve("prices.json")));
        return file;
    }

    private String run(String... args) {
        int code = Main.run(args);
        assertThat(code).as(console.err.toString(StandardCharsets.UTF_8)).isZero();
        return console.out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTableShowsEachDeploymentsLimitsPricesCapabilitiesAndSources() throws IOException {
        String table = run("models", "--config", config().toString());

        String relay = line(table, "relay");
        assertThat(relay).contains("claude-sonnet", "openai/deepseek-chat", "deepseek-chat", "131,072", "8,192", "0.28", "0.42",
                "tools,tool_choice,caching", "catalog");
        assertThat(relay).doesNotContain("reasoning");
        assertThat(line(table, "new-gemini")).contains("1,048,576", "32,768", "default gemini-*; model_info: max_output_tokens");
        assertThat(line(table, "zai")).contains("glm-4.6", "200,000", "128,000", "0.6", "2.2", "pricing_file");
    }

    @Test
    void jsonHasEveryValueWithItsSource() throws IOException {
        JsonNode json = Json.MAPPER.readTree(run("models", "--config", config().toString(), "--json"));

        JsonNode relay = json.at("/deployments/0");
        assertThat(relay.path("deployment").asString()).isEqualTo("relay");
        assertThat(relay.path("entry").asString()).isEqualTo("deepseek-chat");
        assertThat(relay.path("max_output_tokens").asInt()).isEqualTo(8192);
        assertThat(relay.path("input_cost_per_million").asDouble()).isEqualTo(0.28, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(relay.at("/supports/reasoning").asBoolean(true)).isFalse();
        assertThat(relay.at("/sources/max_output_tokens").asString()).isEqualTo("catalog");
        JsonNode gemini = json.at("/deployments/1");
        assertThat(gemini.path("entry").isNull()).isTrue();
        assertThat(gemini.path("priced").asBoolean()).isFalse();
        assertThat(gemini.at("/sources/max_output_tokens").asString()).isEqualTo("model_info");
        assertThat(gemini.at("/sources/max_input_tokens").asString()).isEqualTo("default gemini-*");
    }

    @Test
    void withoutAConfigItShowsTheZeroConfigDefault() {
        assumeTrue(System.getenv("BATON_CONFIG") == null, "BATON_CONFIG names the config then");
        String table = run("models");
        assertThat(table).contains("claude-opus", "claude-sonnet", "claude-haiku", "anthropic/*", "claude-sonnet-4-5", "200,000")
                .contains("* deployments serve the model id the caller asks for");
    }

    @Test
    void aBrokenConfigOrPricingFileIsAnErrorOnStderr() throws IOException {
        assertThat(Main.run("models", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(1);
        assertThat(console.err.toString(StandardCharsets.UTF_8)).contains("config error", "no such config file");

        Path file = config();
        Files.writeString(dir.resolve("prices.json"), "[not a table");
        assertThat(Main.run("models", "--config", file.toString())).isEqualTo(1);
        assertThat(console.err.toString(StandardCharsets.UTF_8)).contains("baton.pricing_file");
    }

    private static String line(String table, String deployment) {
        return table.lines().filter(l -> l.contains(" " + deployment + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + deployment + " in\n" + table));
    }
}
