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

    @Test
    void theCallersBytesBoundTheInputSoALargeAsciiPromptNeedsNoTokenizer() {
        // 100,000 characters: one token a character plus a third says it might not fit; its 100 KB say it does
        String text = "word ".repeat(20_000);
        byte[] json = ("{\"model\":\"m\",\"max_tokens\":16000,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var bytes = new dev.baton.dialect.CallerBody(dev.baton.dialect.Wire.ANTHROPIC, dev.baton.dialect.JsonFields.of(json),
                dev.baton.dialect.anthropic.AnthropicDialect.INSTANCE::decodeRequest);
        assertThat(OutputLimit.fitsForSure(16_000, 131_072, bytes)).isTrue();
        assertThat(OutputLimit.fitsForSure(16_000, 131_072, body(bytes.canonical()))).isFalse();
        assertThat(OutputLimit.fitsForSure(16_000, 110_000, bytes)).as("too close to call: the tokenizer decides").isFalse();
        assertThat(OutputLimit.clamp(16_000, null, 131_072, bytes)).isEqualTo(16_000);
    }

    private static dev.baton.dialect.CallerBody body(dev.baton.canonical.ChatRequest r) {
        return dev.baton.dialect.CallerBody.canonical(dev.baton.dialect.Wire.OPENAI, r);
    }
}
