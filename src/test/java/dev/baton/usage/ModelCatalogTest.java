package dev.baton.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    @TempDir Path dir;
    final ModelCatalog catalog = ModelCatalog.defaults();

    static Deployment deployment(String provider, String model, Map<String, Object> params, Map<String, Object> info) {
        return new Deployment("g", provider, model, null, null, null, null, null, null, 1, params, info, provider + "/" + model, 0);
    }

    @Test
    void claudeIdsMatchWhateverTheirDateSuffixOrSpelling() {
        for (String id : new String[] {"claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4-5",
                "claude-sonnet-4-5-latest", "claude-sonnet-4.5", "openrouter/anthropic/claude-sonnet-4.5"}) {
            assertThat(catalog.lookup(id)).as(id).hasValueSatisfying(m -> assertThat(m.inputCostPerToken()).isEqualTo(3e-6));
        }
        ModelInfo haiku = catalog.lookup("claude-haiku-4-5-20251001").orElseThrow();
        assertThat(haiku.cacheReadCostPerToken()).isEqualTo(1e-7);
        assertThat(haiku.cacheWrite1hCostPerToken()).isEqualTo(2e-6);
        assertThat(haiku.maxOutputTokens()).isEqualTo(64_000);
    }

    @Test
    void everyModelFamilyBatonRoutesToHasPricesAndLimits() {
        for (String id : new String[] {"claude-opus-4-5", "claude-opus-4-1", "claude-haiku-4-5", "gpt-4o", "gpt-4.1", "o3", "o4-mini",
                "gemini-2.5-pro", "gemini-2.5-flash", "deepseek-chat", "deepseek-reasoner", "openrouter/openai/gpt-4o"}) {
            ModelInfo m = catalog.lookup(id).orElseThrow(() -> new AssertionError(id));
            assertThat(m.inputCostPerToken()).as(id).isPositive();
            assertThat(m.outputCostPerToken()).as(id).isPositive();
            assertThat(m.maxInputTokens()).as(id).isPositive();
            assertThat(m.maxOutputTokens()).as(id).isPositive();
        }
    }

    @Test
    void newClaudeReleaseIsPricedAsItsFamilyNotAsFree() {
        assertThat(catalog.lookup("claude-opus-9-20300101")).hasValueSatisfying(m -> assertThat(m.inputCostPerToken()).isPositive());
        assertThat(catalog.lookup("llama-3-local")).isEmpty();
    }

    @Test
    void deploymentAnswersForItsUpstreamModelWithItsOwnOverrides() {
        Deployment deepseek = deployment("anthropic", "deepseek-chat", Map.of(), Map.of());
        assertThat(catalog.contextWindow(deepseek, "deepseek-chat")).hasValue(131_072);
        assertThat(catalog.maxOutputTokens(deepseek, "deepseek-chat")).hasValue(8192);

        Deployment wildcard = deployment("anthropic", "*", Map.of(), Map.of());
        assertThat(catalog.of(wildcard, "claude-haiku-4-5-20251001").inputCostPerToken()).isEqualTo(1e-6);
        assertThat(catalog.contextWindow(wildcard, "claude-sonnet-4-5[1m]")).hasValue(1_000_000);

        // LiteLLM's per-deployment prices; YAML 1.1 reads 3e-6 as text
        Deployment priced = deployment("openai", "my-local", Map.of("input_cost_per_token", "3e-6", "output_cost_per_token", 1.5e-5),
                Map.of("max_input_tokens", 32768));
        ModelInfo p = catalog.of(priced, "my-local");
        assertThat(p.known()).isTrue();
        assertThat(p.inputCostPerToken()).isEqualTo(3e-6);
        assertThat(p.outputCostPerToken()).isEqualTo(1.5e-5);
        assertThat(p.maxInputTokens()).isEqualTo(32768);
        assertThat(catalog.maxOutputTokens(priced, "my-local")).isEmpty();

        assertThat(catalog.of(deployment("openai", "unknown-thing", Map.of(), Map.of()), null).known()).isFalse();
    }

    @Test
    void pricingFileReplacesAndExtendsTheDefaultTable() throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"sample_spec": {"input_cost_per_token": 0},
                 "gpt-4o": {"input_cost_per_token": 0.000001, "output_cost_per_token": 0.000002, "max_input_tokens": 1000},
                 "glm-4.6": {"input_cost_per_token": 6e-7, "output_cost_per_token": 2.2e-6, "max_input_tokens": 200000,
                             "max_tokens": 128000, "litellm_provider": "zai"}}""");
        ModelCatalog c = ModelCatalog.load(file);
        assertThat(c.lookup("gpt-4o").orElseThrow().inputCostPerToken()).isEqualTo(1e-6);
        assertThat(c.lookup("glm-4.6").orElseThrow().maxOutputTokens()).isEqualTo(128_000);
        assertThat(c.lookup("claude-sonnet-4-5")).isPresent();

        Files.writeString(file, "[not a table");
        assertThatThrownBy(() -> ModelCatalog.load(file)).hasMessageContaining("baton.pricing_file");
    }
}
