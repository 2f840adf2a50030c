package dev.baton.dialect;

import dev.baton.canonical.FailureException;
import dev.baton.canonical.StreamEvent;
import java.util.function.Consumer;

/**
 * Reads one upstream stream, event by event, into canonical {@link StreamEvent}s with explicit state: block indices,
 * open blocks, tool-call arguments assembled from any chunking, the stop reason. One instance per stream.
 */
public interface StreamDecoder {

    /**
     * Decodes one upstream event into zero or more canonical events.
     *
     * @throws FailureException for an error the upstream reported inside the stream, or an event that cannot be read
     */
    void decode(SseEvent event, Consumer<StreamEvent> out) throws FailureException;

    /**
     * The upstream's stream ended. Emits what completes the grammar (open block stops, Finish, End) when the
     * upstream finished properly.
     *
     * @throws FailureException ({@code Reset}) when it ended before its own end marker
     */
    void end(Consumer<StreamEvent> out) throws FailureException;

    /** Whether this raw event ends the stream; a cheap check for same-dialect passthrough, which does not decode. */
    boolean isLast(SseEvent event);
}
