package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSummaryTest {
    @TempDir
    Path dir;

    @Test
    void describesGroupsInRoutingOrderWithFallbacksAndMaskedKeys() throws IOException {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, ConfigLoaderTest.FULL);
        String s = ConfigSummary.describe(ConfigLoader.load(f, ConfigLoaderTest.ENV));
        assertThat(s).contains("Config: " + f)
                .contains("  claude-sonnet\n    1. anthropic/claude-sonnet-4-5-20250929 [primary-sonnet]  https://api.anthropic.com  key: set sk-****23")
                .contains("    2. openrouter/anthropic/claude-3.5  (provider default)  key: passthrough")
                .contains("Fallbacks:\n  claude-sonnet -> gpt-4o, gemini\n")
                .contains("Context window fallbacks:\n  claude-sonnet -> gemini-long\n")
                .contains("num_retries=3, cooldown_time=30s, allowed_fails=2, max_fallbacks=5, routing_strategy=simple-shuffle (within equal order)")
                .contains("Database: postgresql://***@db:5432/baton");
        for (String secret : ConfigLoaderTest.ENV.values()) assertThat(s).doesNotContain(secret);
        assertThat(s).doesNotContain("dbSECRETpw");
    }

    @Test
    void describesTheZeroConfigDefault() {
        String s = ConfigSummary.describe(DefaultConfig.fromEnvironment(Map.of(), Optional.of("qwen3")));
        assertThat(s).contains("built-in default")
                .contains("Model groups (3)")
                .contains("key: passthrough")
                .contains("ollama/qwen3@claude-haiku")
                .contains("Master key: none")
                .contains("Database: embedded SQLite");
    }
}
