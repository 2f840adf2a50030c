package dev.baton.dialect;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Role;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rule Anthropic, OpenAI and Gemini all enforce on a conversation: the tool calls of an assistant turn are
 * answered, each once, by tool results in the user turn right after it, and a tool result answers a call of that
 * turn. Checked before a request is translated, so a broken transcript is the caller's 400 in its own dialect
 * instead of a refusal from a provider it did not choose. Consecutive messages of one role count as one turn, as the
 * providers merge them.
 */
public final class ToolPairing {
    private ToolPairing() {
    }

    /** @throws InvalidRequestException naming the first call or result out of place */
    public static void check(ChatRequest request) {
        Set<String> calls = new LinkedHashSet<>(); // the calls of the latest assistant turn
        Set<String> unanswered = new LinkedHashSet<>();
        Role previous = null;
        for (Message m : request.messages()) {
            if (m.role() == Role.ASSISTANT && previous != Role.ASSISTANT) { // a new assistant turn: the last one's calls are done
                requireAnswered(unanswered);
                calls.clear();
            }
            for (Block b : m.content()) {
                if (b instanceof Block.ToolUse use) {
                    if (m.role() != Role.ASSISTANT) throw new InvalidRequestException("tool_use '" + use.id() + "': tool calls belong in assistant turns");
                    if (!calls.add(use.id())) throw new InvalidRequestException("tool_use id '" + use.id() + "' appears twice in one turn");
                    unanswered.add(use.id());
                } else if (b instanceof Block.ToolResult result
                        && (m.role() != Role.USER || !calls.contains(result.toolUseId()) || !unanswered.remove(result.toolUseId()))) {
                    throw new InvalidRequestException("tool_result for '" + result.toolUseId()
                            + "' answers no tool_use of the assistant turn right before it, or answers one twice");
                }
            }
            previous = m.role();
        }
        if (previous == Role.USER) requireAnswered(unanswered); // an assistant turn last may still be making its calls
    }

    private static void requireAnswered(Set<String> unanswered) {
        if (!unanswered.isEmpty()) throw new InvalidRequestException("tool_use ids " + unanswered + " have no tool_result in the user turn after them");
    }
}
