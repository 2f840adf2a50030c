package dev.baton.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCatalogTest {
    @TempDir Path dir;
    final ModelCatalog catalog = ModelCatalog.defaults();

    static Deployment deployment(String provider, String model, Map<String, Object> params, Map<String, Object> info) {
        return new Deployment("g", provider, model, null, null, null, null, null, null, 1, params, info, provider + "/" + model, 0);
    }

    /** LiteLLM-style lookups: provider prefixes, publishers, dates, versions, tags and suffixes all find the model's entry. */
    @ParameterizedTest
    @CsvSource({
            "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
            "anthropic/claude-sonnet-4-5-20250929, claude-sonnet-4-5",
            "claude-sonnet-4-5-latest, claude-sonnet-4-5",
            "claude-sonnet-4.5, claude-sonnet-4-5",
            "claude-sonnet-4-5[1m], claude-sonnet-4-5",
            "vertex_ai/claude-sonnet-4-5@20250929, claude-sonnet-4-5",
            "openrouter/anthropic/claude-sonnet-4.5, openrouter/anthropic/claude-sonnet-4.5",
            "claude-haiku-4-5-20251001, claude-haiku-4-5",
            "deepseek/deepseek-chat, deepseek-chat",
            "openai/deepseek-chat, deepseek-chat",
            "deepseek-chat, deepseek-chat",
            "gpt-4o-2024-08-06, gpt-4o",
            "openai/gpt-4.1-2025-04-14, gpt-4.1",
            "github/openai/gpt-4.1, gpt-4.1",
            "models/gemini-2.5-pro, gemini-2.5-pro",
            "gemini-2.5-flash-preview-09-2025, gemini-2.5-flash",
            "gemini-2.0-flash-001, gemini-2.0-flash",
            "mistral/devstral-medium-latest, devstral-medium",
            "devstral-medium-2507, devstral-medium",
            "groq/openai/gpt-oss-120b, groq/openai/gpt-oss-120b",
            "xai/grok-4, grok-4",
    })
    void idsMatchTheirEntryWhateverTheirSpelling(String id, String entry) {
        assertThat(catalog.lookup(id)).as(id).hasValueSatisfying(m -> {
            assertThat(m.entry()).isEqualTo(entry);
            assertThat(m.known()).isTrue();
        });
    }

    @Test
    void spellingsGoFromTheMostToTheLeastSpecific() {
        assertThat(ModelIds.spellings("openrouter/anthropic/claude-sonnet-4.5-20250929")).containsSubsequence(
                "openrouter/anthropic/claude-sonnet-4.5-20250929", "openrouter/anthropic/claude-sonnet-4.5",
                "anthropic/claude-sonnet-4.5", "claude-sonnet-4.5", "claude-sonnet-4-5");
        assertThat(ModelIds.spellings("llama3.2:latest")).containsExactly("llama3.2:latest", "llama3.2");
        assertThat(ModelIds.bare("Qwen/Qwen3-Coder-30B-A3B-Instruct")).isEqualTo("qwen3-coder-30b-a3b-instruct");
    }

    @Test
    void everyModelFamilyBatonRoutesToHasPricesLimitsAndCapabilities() {
        for (String id : new String[] {"claude-opus-4-5", "claude-opus-4-1", "claude-sonnet-4-6", "claude-haiku-4-5", "gpt-5", "gpt-5.1",
                "gpt-4o", "gpt-4.1", "o3", "o4-mini", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-3-pro-preview", "deepseek-chat",
                "deepseek-reasoner", "deepseek-v4-flash", "deepseek-v4-pro", "grok-4", "devstral-medium", "groq/openai/gpt-oss-120b",
                "openrouter/openai/gpt-4o"}) {
            ModelInfo m = catalog.lookup(id).orElseThrow(() -> new AssertionError(id));
            assertThat(m.inputCostPerToken()).as(id).isPositive();
            assertThat(m.outputCostPerToken()).as(id).isPositive();
            assertThat(m.maxInputTokens()).as(id).isPositive();
            assertThat(m.maxOutputTokens()).as(id).isPositive();
            assertThat(m.supports("function_calling")).as(id).isTrue();
        }
    }

    /** The figures routing strategies read: price per million tokens, context window, capabilities. */
    @Test
    void pricesPerMillionWindowAndCapabilitiesReadPlainly() {
        ModelInfo sonnet = catalog.lookup("claude-sonnet-4-5").orElseThrow();
        assertThat(sonnet.inputCostPerMillion()).isEqualTo(3.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(sonnet.outputCostPerMillion()).isEqualTo(15.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(sonnet.cacheReadCostPerMillion()).isEqualTo(0.3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(sonnet.contextWindow()).hasValue(200_000);
        assertThat(sonnet.supports("reasoning")).isTrue();
        assertThat(sonnet.supports("supports_vision")).isTrue();

        ModelInfo reasoner = catalog.lookup("deepseek-reasoner").orElseThrow();
        assertThat(reasoner.lacks("tool_choice")).isTrue();
        assertThat(reasoner.supports("tool_choice")).isFalse();
        assertThat(catalog.lookup("deepseek-chat").orElseThrow().lacks("reasoning")).isTrue();
        ModelInfo nobody = ModelInfo.unknown("x");
        assertThat(nobody.supports("reasoning") || nobody.lacks("reasoning")).isFalse();
    }

    @Test
    void newClaudeReleaseIsPricedAsItsFamilyNotAsFree() {
        assertThat(catalog.lookup("claude-opus-9-20300101")).hasValueSatisfying(m -> assertThat(m.inputCostPerToken()).isPositive());
        assertThat(catalog.lookup("llama-3-local")).isEmpty();
    }

    /** Keys ending in `*` answer for models the table does not list: limits and capabilities, never prices. */
    @Test
    void familyDefaultsGiveLimitsButNoPrices() {
        ModelInfo gemini = catalog.lookup("gemini-9-ultra").orElseThrow();
        assertThat(gemini.maxOutputTokens()).isEqualTo(8192);
        assertThat(gemini.known()).isFalse();
        assertThat(gemini.entry()).isNull();
        assertThat(gemini.source("max_output_tokens")).isEqualTo("default gemini-*");

        ModelInfo newGpt = catalog.lookup("openai/gpt-5.9").orElseThrow();
        assertThat(newGpt.supports("reasoning")).isTrue();
        assertThat(catalog.lookup("gpt-5-chat-latest").orElseThrow().lacks("reasoning")).isTrue(); // the entry wins over its family
        assertThat(catalog.lookup("gemini-2.5-pro").orElseThrow().maxOutputTokens()).isEqualTo(65_536); // and over the default
    }

    @Test
    void deploymentAnswersForItsUpstreamModelWithItsOwnOverrides() {
        Deployment deepseek = deployment("anthropic", "deepseek-chat", Map.of(), Map.of());
        assertThat(catalog.contextWindow(deepseek, "deepseek-chat")).hasValue(131_072);
        assertThat(catalog.maxOutputTokens(deepseek, "deepseek-chat")).hasValue(8192);

        Deployment wildcard = deployment("anthropic", "*", Map.of("default_model", "claude-opus-4-5"), Map.of());
        assertThat(catalog.of(wildcard, "claude-haiku-4-5-20251001").inputCostPerToken()).isEqualTo(1e-6);
        assertThat(catalog.contextWindow(wildcard, "claude-sonnet-4-5[1m]")).hasValue(1_000_000);
        assertThat(catalog.of(wildcard, null).entry()).isEqualTo("claude-opus-4-5"); // the group's own name: default_model

        // LiteLLM's per-deployment prices; YAML 1.1 reads 3e-6 as text
        Deployment priced = deployment("openai", "my-local", Map.of("input_cost_per_token", "3e-6", "output_cost_per_token", 1.5e-5),
                Map.of("max_input_tokens", 32768, "supports_vision", true));
        ModelInfo p = catalog.of(priced, "my-local");
        assertThat(p.known()).isTrue();
        assertThat(p.inputCostPerToken()).isEqualTo(3e-6);
        assertThat(p.outputCostPerToken()).isEqualTo(1.5e-5);
        assertThat(p.maxInputTokens()).isEqualTo(32768);
        assertThat(p.supports("vision")).isTrue();
        assertThat(p.source("max_input_tokens")).isEqualTo(ModelCatalog.MODEL_INFO);
        assertThat(p.source("input_cost_per_token")).isEqualTo(ModelCatalog.LITELLM_PARAMS);
        assertThat(catalog.maxOutputTokens(priced, "my-local")).isEmpty();

        assertThat(catalog.of(deployment("openai", "unknown-thing", Map.of(), Map.of()), null).known()).isFalse();
    }

    /** One figure overridden, the rest still the catalog's, each with its source. */
    @Test
    void aDeploymentOverridesOneFigureAndKeepsTheRest() {
        Deployment capped = deployment("openai", "deepseek-chat", Map.of(), Map.of("max_output_tokens", "4000"));
        ModelInfo m = catalog.of(capped, "deepseek-chat");
        assertThat(m.maxOutputTokens()).isEqualTo(4000);
        assertThat(m.maxInputTokens()).isEqualTo(131_072);
        assertThat(m.inputCostPerToken()).isEqualTo(2.8e-7);
        assertThat(m.entry()).isEqualTo("deepseek-chat");
        assertThat(m.sources()).containsEntry("max_output_tokens", ModelCatalog.MODEL_INFO)
                .containsEntry("max_input_tokens", ModelCatalog.CATALOG).containsEntry("input_cost_per_token", ModelCatalog.CATALOG);
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
        assertThat(c.lookup("gpt-4o").orElseThrow().source("input_cost_per_token")).isEqualTo(ModelCatalog.PRICING_FILE);
        assertThat(c.lookup("glm-4.6").orElseThrow().maxOutputTokens()).isEqualTo(128_000);
        assertThat(c.lookup("claude-sonnet-4-5")).isPresent();

        Files.writeString(file, "[not a table");
        assertThatThrownBy(() -> ModelCatalog.load(file)).hasMessageContaining("baton.pricing_file");
    }
}
