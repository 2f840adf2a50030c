package dev.baton.dialect;

import dev.baton.canonical.FailureException;

/**
 * A same-dialect stream turned back into the whole answer it streams, in that dialect's own JSON, keeping every
 * field the upstream sent (new block types, new top-level fields), as a non-streamed passthrough would.
 */
public interface AnswerAssembler {

    /**
     * Takes one event of the stream (errors and malformed events are the stream decoder's to report).
     *
     * @throws FailureException ({@code Malformed}) when the events do not add up to an answer
     */
    void accept(SseEvent event) throws FailureException;

    /** The whole answer, once the stream has ended. */
    byte[] answer() throws FailureException;
}
