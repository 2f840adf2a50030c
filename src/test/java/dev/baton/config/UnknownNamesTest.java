package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a config with a name Baton does not know gets: an unknown provider prefix or `baton:` key is an error with the
 * file, the line and what was probably meant; an unknown `litellm_params` key is a warning with file and line, and the
 * config still loads (LiteLLM configs carry many params Baton has no use for).
 */
class UnknownNamesTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    /** What loading {@code yaml} throws, its message to start with the file and {@code line}. */
    private AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml, int line) throws IOException {
        Path f = write(yaml);
        return assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":" + line + ": ");
    }

    @Test
    void unknownProviderErrorNamesFileAndModelLineAndListsEveryPrefixOfTheFactoryTable() throws IOException {
        refused("""
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0
                """, 4) // the model: line, not the entry's
                .hasMessageContaining("provider 'bedrock' is not supported")
                .hasMessageNotContaining("did you mean")
                .satisfies(e -> assertThat(e.getMessage()).contains(ProviderPrefixes.all().stream().map(p -> " " + p + "/").toList()))
                .hasMessageContaining("openai/, openrouter/, deepseek/");
        assertThat(ProviderPrefixes.all()).contains("anthropic", "openai", "ollama_chat", "hosted_vllm", "gemini", "vertex_ai", "mock");
    }

    @Test
    void misspeltProviderIsAnErrorThatSuggestsTheClosestPrefix() throws IOException {
        refused("""
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      api_key: os.environ/ANTHROPIC_API_KEY
                      model: antropic/claude-sonnet-4-5
                """, 5)
                .hasMessageContaining("provider 'antropic' is not supported (did you mean 'anthropic/'?); Baton supports anthropic/, openai/");
    }

    @Test
    void unknownBatonKeyIsAnErrorWithFileLineAndDidYouMean() throws IOException {
        refused("""
                model_list: []
                baton:
                  connect_timeout: 5
                  requst_timeout: 30
                """, 4)
                .hasMessageContaining("baton.requst_timeout is not a Baton setting (did you mean 'request_timeout'?); the baton: section takes ")
                .hasMessageContaining("first_byte_timeout").hasMessageContaining("journal");
    }

    @Test
    void unknownBatonKeyFarFromAnyKnownOneListsThemWithoutAGuess() throws IOException {
        refused("baton:\n  shiny_new_feature: true\n", 2)
                .hasMessageContaining("baton.shiny_new_feature is not a Baton setting; the baton: section takes ")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void unknownLitellmParamsWarnWithFileAndLineWhileARealLiteLlmConfigStillLoads() throws IOException {
        Path f = write("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                      temperature: 0.2
                      max_retries: 3
                      api_version: "2024-06-01"
                  - model_name: claude-sonnet
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_bsae: https://api.anthropic.com
                      max_tokens: 8192
                      input_cost_per_token: 0.000003
                      output_cost_per_token: 0.000015
                      allowed_betas: [interleaved-thinking]
                  - model_name: vertex
                    litellm_params:
                      model: vertex_ai/gemini-2.5-pro
                      vertex_project: my-project
                      vertex_location: us-central1
                  - model_name: demo
                    litellm_params:
                      model: mock/m
                      mock_response: hi
                      mock_latency_ms: 5
                """);
        BatonConfig c = ConfigLoader.load(f, Map.of("OPENAI_API_KEY", "sk-test-123456789"));
        assertThat(c.modelList()).hasSize(4);
        assertThat(c.modelList().get(0).params()).containsEntry("temperature", 0.2); // kept, only not used
        assertThat(c.warnings()).containsExactly(
                f + ":6: litellm_params.temperature is not used by Baton; ignored",
                f + ":7: litellm_params.max_retries is not used by Baton; ignored",
                f + ":8: litellm_params.api_version is not used by Baton; ignored",
                f + ":12: litellm_params.api_bsae is not used by Baton; ignored (did you mean 'api_base'?)");
    }

    @Test
    void everyLitellmParamBatonReadsLoadsWithoutAWarning() throws IOException {
        StringBuilder yaml = new StringBuilder("model_list:\n  - model_name: m\n    litellm_params:\n      model: mock/m\n");
        for (String key : ModelListReader.USED_PARAMS) yaml.append("      ").append(key).append(": 1\n");
        assertThat(ConfigLoader.load(write(yaml.toString()), Map.of()).warnings()).isEmpty();
    }
}
