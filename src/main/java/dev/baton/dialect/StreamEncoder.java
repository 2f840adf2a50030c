package dev.baton.dialect;

import dev.baton.canonical.StreamEvent;

/** Writes canonical stream events in a caller's dialect; one instance per stream, holding that stream's state. */
public interface StreamEncoder {

    /** The bytes to send for this event (SSE framing included); empty when the dialect has nothing to say for it. */
    byte[] encode(StreamEvent event);
}
