package dev.baton.canonical;

import java.util.List;

/** One turn of the conversation. Tool results are blocks of a user message, as in Anthropic's dialect. */
public record Message(Role role, List<Block> content) {
    public Message {
        content = List.copyOf(content);
    }

    public static Message user(Block... blocks) {
        return new Message(Role.USER, List.of(blocks));
    }

    public static Message assistant(Block... blocks) {
        return new Message(Role.ASSISTANT, List.of(blocks));
    }
}
