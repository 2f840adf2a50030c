package dev.baton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeFamilyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "claude-sonnet-4-5-20250929, SONNET",
            "claude-sonnet-4-5, SONNET",
            "claude-3-5-sonnet-latest, SONNET",
            "claude-sonnet-4-5[1m], SONNET",
            "claude-sonnet-4-5-20250929[1m], SONNET",
            "claude-3-5-haiku-20241022, HAIKU",
            "claude-haiku-4-5-20251001, HAIKU",
            "claude-haiku-4-5, HAIKU",
            "claude-opus-4-1, OPUS",
            "claude-opus-4-1-20250805, OPUS",
            "claude-3-opus-latest, OPUS",
            "anthropic/claude-opus-4-1, OPUS",
            "anthropic.claude-3-7-sonnet-20250219-v1:0, SONNET",
            "us.anthropic.claude-sonnet-4-20250514-v1:0, SONNET",
            "claude-opus-4-1@20250805, OPUS",
            "Claude-Sonnet-4-5, SONNET",
            "sonnet, SONNET",
            "haiku, HAIKU",
    })
    void readsTheFamilyOutOfAnyClaudeIdSpelling(String id, ClaudeFamily family) {
        assertThat(ClaudeFamily.of(id)).contains(family);
        assertThat(ClaudeFamily.isClaude(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gemini-2.5-pro", "deepseek-chat", "glm-4.6", "sonnetish-model", "mysonnet"})
    void findsNoFamilyInOtherModelIds(String id) {
        assertThat(ClaudeFamily.of(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-2.1", "claude-instant-1.2"})
    void claudeIdsWithoutAFamilyAreStillClaude(String id) {
        assertThat(ClaudeFamily.of(id)).isEmpty();
        assertThat(ClaudeFamily.isClaude(id)).isTrue();
    }
}
