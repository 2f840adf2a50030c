package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field notes 38: Claude Code's volatile billing line never reaches a non-Anthropic prefix cache. */
class BillingLineTest {

    @Test
    void theBillingBlockClaudeCodeSendsFirstIsRemoved() {
        List<Block.Text> system = List.of(
                new Block.Text("x-anthropic-billing-header: cc_version=2.0.50.a1b; cc_entrypoint=cli; cch=9f3e2;"),
                new Block.Text("You are Claude Code, Anthropic's official CLI for Claude.", null));
        assertThat(BillingLine.strip(system)).extracting(Block.Text::text).containsExactly("You are Claude Code, Anthropic's official CLI for Claude.");
    }

    @Test
    void aBillingLineInsideLargerTextIsRemovedAndTheRestKept() {
        List<Block.Text> stripped = BillingLine.strip(List.of(new Block.Text("x-anthropic-billing-header: cch=1;\nBe brief.")));
        assertThat(stripped).extracting(Block.Text::text).containsExactly("Be brief.");
    }

    @Test
    void aSystemPromptWithoutOneIsReturnedAsIs() {
        List<Block.Text> system = List.of(new Block.Text("Be brief."));
        assertThat(BillingLine.strip(system)).isSameAs(system);
    }
}
