package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Block;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Claude Code's volatile billing line leaves the system prompt of non-Anthropic targets (field notes 38). */
class BillingLineTest {
    private static final String LINE = "x-anthropic-billing-header: cc_version=2.1.45.760; cc_entrypoint=cli; cch=b7b0f;";

    @Test
    void theBlockHoldingOnlyTheLineIsDroppedAndTheRestKept() {
        JsonNode cache = Json.MAPPER.readTree("{\"type\":\"ephemeral\"}");
        List<Block.Text> system = List.of(new Block.Text(LINE), new Block.Text("You are Claude Code.", cache));

        assertThat(BillingLine.strip(system)).containsExactly(new Block.Text("You are Claude Code.", cache));
    }

    @Test
    void aLineInsideALargerBlockIsCutOutOfIt() {
        assertThat(BillingLine.strip(List.of(new Block.Text(LINE + "\nYou are Claude Code.\nBe brief."))))
                .containsExactly(new Block.Text("You are Claude Code.\nBe brief."));
    }

    @Test
    void aSystemPromptWithoutTheLineIsReturnedAsItIs() {
        List<Block.Text> system = List.of(new Block.Text("Talk about x-anthropic-billing-header values, please."));

        assertThat(BillingLine.strip(system)).isEqualTo(system);
        List<Block.Text> plain = List.of(new Block.Text("hello"));
        assertThat(BillingLine.strip(plain)).isSameAs(plain);
    }
}
