package dev.baton.server;

import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.AnswerAssembler;
import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.SseEvent;
import dev.baton.dialect.SseReader;
import dev.baton.dialect.StreamAssembler;
import dev.baton.dialect.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;

/**
 * A whole answer read from the stream Baton asked for in its place. Baton asks every upstream for a stream, even
 * when its caller wants a whole answer, so that one rule catches a stalled upstream either way (nothing within the
 * first-byte time, or silence past the idle time) and the request moves on unseen instead of waiting out the whole
 * request timeout. Same-dialect answers are assembled in their own JSON, with every field the upstream sent.
 */
final class WholeFromStream {
    private WholeFromStream() {
    }

    /** The answer's body in the caller's dialect, and its canonical form (for usage). */
    record Read(byte[] body, ChatResponse response) {
    }

    /**
     * @param raw the caller dialect's own assembler when the upstream speaks it, else null (the answer is encoded)
     * @throws FailureException for an error the upstream reported in the stream, a malformed or cut stream
     */
    static Read read(InputStream stream, StreamDecoder decoder, AnswerAssembler raw, CallerDialect dialect, String model)
            throws IOException, FailureException {
        SseReader reader = new SseReader(stream);
        StreamAssembler canonical = new StreamAssembler();
        boolean finished = false;
        for (SseEvent e; !finished && (e = reader.next()) != null; ) {
            decoder.decode(e, canonical); // reports in-stream errors, validates what the raw assembler trusts
            if (raw != null) raw.accept(e);
            finished = decoder.isLast(e);
        }
        if (!finished) decoder.end(canonical); // a cut stream fails here
        ChatResponse response = canonical.response();
        return new Read(raw != null ? raw.answer() : dialect.encodeResponse(response, model), response);
    }
}
