package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field notes 18: max_tokens = min(requested, model max output, context window − input estimate). */
class OutputLimitTest {

    static ChatRequest prompt(int words) {
        return new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text("word ".repeat(words)))), List.of(), null, null,
                32_000, null, null, null, List.of(), false, null, null, null);
    }

    @Test
    void claudeCodesLargeRequestIsClampedToTheModelsMaxOutput() {
        assertThat(OutputLimit.clamp(32_000, 8192, null, body(prompt(10)))).isEqualTo(8192);
        assertThat(OutputLimit.clamp(1000, 8192, null, body(prompt(10)))).isEqualTo(1000);
    }

    @Test
    void inputPlusOutputStaysInsideTheContextWindow() {
        Integer limit = OutputLimit.clamp(32_000, null, 131_072, body(prompt(110_000)));
        assertThat(limit).isLessThan(32_000).isGreaterThanOrEqualTo(OutputLimit.MIN_OUTPUT);
        assertThat(limit + 110_000).isLessThanOrEqualTo(131_072);
    }

    @Test
    void aSmallPromptNeverPaysForTheTokenizerAndKeepsTheRequest() {
        assertThat(OutputLimit.clamp(32_000, null, 131_072, body(prompt(100)))).isEqualTo(32_000);
    }

    @Test
    void nothingRequestedStaysNothingAndAFullWindowStillLeavesTheFloor() {
        assertThat(OutputLimit.clamp(null, 8192, 131_072, body(prompt(10)))).isNull();
        assertThat(OutputLimit.clamp(32_000, null, 8192, body(prompt(20_000)))).isEqualTo(OutputLimit.MIN_OUTPUT);
    }

    private static dev.baton.dialect.CallerBody body(dev.baton.canonical.ChatRequest r) {
        return dev.baton.dialect.CallerBody.canonical(dev.baton.dialect.Wire.OPENAI, r);
    }
}
