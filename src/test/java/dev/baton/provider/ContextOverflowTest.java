package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContextOverflowTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "prompt is too long: 210000 tokens > 200000 maximum",
            "input length and `max_tokens` exceed context limit: 190000 + 32000 > 200000, decrease input length or `max_tokens` and try again",
            "context_length_exceeded",
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
            "The input (140000 tokens) is longer than the model's context length (131072 tokens).",
            "Requested token count exceeds the model's maximum context length of 32768 tokens.",
            "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
            "Prompt Is Too Long: 210000 tokens > 200000 maximum",
    })
    void recognisesEveryProvidersContextOverflowPhrasing(String message) { // field notes 20
        assertThat(ContextOverflow.matches(message)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "messages: text content blocks must be non-empty",
            "max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens for claude-opus-4-1",
            "tools.0.custom.input_schema: Field required",
            "Invalid `signature` in `thinking` block",
            "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after",
            "Your credit balance is too low to access the Anthropic API.",
    })
    void ordinaryBadRequestsAreNotContextOverflow(String message) {
        assertThat(ContextOverflow.matches(message)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void nullIsNotContextOverflow() {
        assertThat(ContextOverflow.matches(null)).isFalse();
    }
}
