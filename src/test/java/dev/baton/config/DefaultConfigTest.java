package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultConfigTest {

    @Test
    void withAnthropicApiKeyEachFamilyGroupUsesThatKey() {
        BatonConfig c = DefaultConfig.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-SECRET-1234567"), Optional.empty());
        assertThat(c.modelList()).extracting(Deployment::modelName).containsExactly("claude-opus", "claude-sonnet", "claude-haiku");
        // "*": the caller's Claude id goes to Anthropic as asked; the family alias serves callers naming the group
        assertThat(c.modelList()).extracting(Deployment::model).containsOnly("*");
        assertThat(c.modelList()).extracting(d -> d.param("default_model")).containsExactly("claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5");
        assertThat(c.modelList()).allSatisfy(d -> {
            assertThat(d.provider()).isEqualTo("anthropic");
            assertThat(d.apiBase()).isEqualTo("https://api.anthropic.com");
            assertThat(d.apiKey().reveal()).isEqualTo("sk-ant-SECRET-1234567");
        });
        assertThat(c.source()).isNull();
        assertThat(c.router()).isEqualTo(RouterSettings.defaults());
        assertThat(c.baton()).isEqualTo(BatonSettings.defaults());
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void withoutAnthropicApiKeyTheCallersCredentialsArePassedThrough() {
        BatonConfig c = DefaultConfig.fromEnvironment(Map.of(), Optional.empty());
        assertThat(c.modelList()).hasSize(3).allSatisfy(d -> assertThat(d.apiKey()).isSameAs(Secret.PASSTHROUGH));
        assertThat(c.general()).isEqualTo(GeneralSettings.defaults());
    }

    @Test
    void withAnOllamaModelEveryGroupEndsWithTheLocalModel() {
        BatonConfig c = DefaultConfig.fromEnvironment(Map.of("BATON_MASTER_KEY", "mk-123456789"), Optional.of("llama3.2:latest"));
        assertThat(c.modelList()).hasSize(6);
        for (String group : List.of("claude-opus", "claude-sonnet", "claude-haiku")) {
            List<Deployment> chain = c.modelList().stream().filter(d -> d.modelName().equals(group))
                    .sorted(java.util.Comparator.comparingInt(Deployment::order)).toList();
            assertThat(chain).hasSize(2);
            assertThat(chain.get(0).apiBase()).isEqualTo("https://api.anthropic.com");
            Deployment last = chain.get(1);
            assertThat(last.provider()).isEqualTo("anthropic");
            assertThat(last.apiBase()).isEqualTo("http://127.0.0.1:11434");
            assertThat(last.model()).isEqualTo("llama3.2:latest");
            assertThat(last.apiKey().reveal()).isEqualTo("ollama");
        }
        assertThat(c.modelList()).extracting(Deployment::id).doesNotHaveDuplicates();
        assertThat(c.general().masterKey().reveal()).isEqualTo("mk-123456789");
    }

    @Test
    void providersWithKeysInTheEnvironmentFollowAnthropicBeforeOllama() {
        BatonConfig c = DefaultConfig.fromEnvironment(Map.of("DEEPSEEK_API_KEY", "sk-ds-123456789", "OPENROUTER_API_KEY", "sk-or-123456789",
                "GITHUB_TOKEN", "ghp_123456789"), Optional.of("llama3.2:latest"));
        List<Deployment> opus = c.modelList().stream().filter(d -> d.modelName().equals("claude-opus"))
                .sorted(java.util.Comparator.comparingInt(Deployment::order)).toList();
        assertThat(opus).extracting(d -> d.provider() + "/" + d.model()).containsExactly("anthropic/*",
                "openrouter/anthropic/claude-opus-4.5", "deepseek/deepseek-v4-flash", "github/openai/gpt-4.1", "anthropic/llama3.2:latest");
        assertThat(opus.get(2).apiKey().reveal()).isEqualTo("sk-ds-123456789");
        assertThat(opus.get(2).apiBase()).isNull(); // the vendor's own base URL
        assertThat(c.modelList()).extracting(Deployment::id).doesNotHaveDuplicates();
        assertThat(c.modelList()).hasSize(15);
    }

    @Test
    void withoutFallbackKeysOnlyAnthropicServes() {
        BatonConfig c = DefaultConfig.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-1234567890", "DEEPSEEK_API_KEY", " "), Optional.empty());
        assertThat(c.modelList()).extracting(Deployment::provider).containsOnly("anthropic");
    }

    @Test
    void withAGeminiKeyEveryFamilyFallsBackToGeminiBeforeTheLocalModel() {
        BatonConfig c = DefaultConfig.fromEnvironment(Map.of("GOOGLE_API_KEY", "AIza-SECRET-123456"), Optional.of("llama3.2:latest"));
        assertThat(c.modelList()).hasSize(9);
        for (String group : List.of("claude-opus", "claude-sonnet", "claude-haiku")) {
            List<Deployment> chain = c.modelList().stream().filter(d -> d.modelName().equals(group))
                    .sorted(java.util.Comparator.comparingInt(Deployment::order)).toList();
            assertThat(chain).extracting(Deployment::provider).containsExactly("anthropic", "gemini", "anthropic");
            Deployment gemini = chain.get(1);
            assertThat(gemini.model()).isEqualTo(group.equals("claude-haiku") ? "gemini-2.5-flash" : "gemini-2.5-pro");
            assertThat(gemini.apiKey().reveal()).isEqualTo("AIza-SECRET-123456");
            assertThat(gemini.apiBase()).isNull();
        }
        assertThat(c.modelList()).extracting(Deployment::id).doesNotHaveDuplicates();
        assertThat(DefaultConfig.fromEnvironment(Map.of("GEMINI_API_KEY", "k1", "GOOGLE_API_KEY", "k2"), Optional.empty()).modelList())
                .filteredOn(d -> d.provider().equals("gemini")).allSatisfy(d -> assertThat(d.apiKey().reveal()).isEqualTo("k1"));
    }
}
