package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Found by the fuzz suite: a tool result answering no call reached translated upstreams, which refused it. */
class ToolPairingTest {
    private static Block.ToolUse call(String id) {
        return new Block.ToolUse(id, "Read", JsonNodeFactory.instance.objectNode());
    }

    private static Block.ToolResult result(String id) {
        return new Block.ToolResult(id, List.of(new Block.Text("ok")), false);
    }

    private static ChatRequest conversation(Message... messages) {
        return new ChatRequest("m", List.of(), List.of(messages), List.of(), null, null, 64, null, null, null, List.of(), false, null,
                null, null);
    }

    @Test
    void parallelCallsAnsweredInTheNextUserTurnPassEvenSpreadOverTwoUserMessages() {
        assertThatCode(() -> ToolPairing.check(conversation(Message.user(new Block.Text("go")),
                Message.assistant(new Block.Text("reading"), call("a"), call("b")),
                Message.user(result("b")), Message.user(result("a"), new Block.Text("and now?")),
                Message.assistant(call("c"))))).as("a last assistant turn may still be calling").doesNotThrowAnyException();
    }

    @Test
    void resultsThatAnswerNoCallOfTheTurnBeforeAreRefused() {
        assertThatThrownBy(() -> ToolPairing.check(conversation(Message.user(result("x")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> ToolPairing.check(conversation(Message.user(new Block.Text("go")), Message.assistant(call("a")),
                Message.user(result("a")), Message.assistant(new Block.Text("done")), Message.user(result("a")))))
                .as("a call of an earlier turn").isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ToolPairing.check(conversation(Message.assistant(call("a")), Message.user(result("a"), result("a")))))
                .as("answered twice").isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void callsLeftUnansweredDuplicatedOrInTheWrongTurnAreRefused() {
        assertThatThrownBy(() -> ToolPairing.check(conversation(Message.assistant(call("a"), call("b")), Message.user(result("a")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("[b]");
        assertThatThrownBy(() -> ToolPairing.check(conversation(Message.assistant(call("a"), call("a")), Message.user(result("a")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> ToolPairing.check(conversation(Message.user(call("a")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("assistant turns");
    }
}
