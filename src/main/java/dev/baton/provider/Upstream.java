package dev.baton.provider;

import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One wire protocol spoken to a deployment: builds the upstream request (passing a same-dialect body through, or
 * encoding the canonical request with the vendor's quirks), opens it, and reads what comes back: failures,
 * whole answers and streams, in canonical form.
 */
public interface Upstream {

    /** The dialect this upstream speaks. When it is the caller's, bodies pass through untranslated. */
    Wire wire();

    /** Opens one attempt; returns when the response headers have arrived. */
    UpstreamResponse open(UpstreamRequest request) throws FailureException;

    /** Classifies a non-200 answer (the body is at most 1 MB). */
    Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now);

    /**
     * Reads a whole 200 answer into canonical form (used when the caller speaks another dialect).
     *
     * @throws FailureException ({@code Malformed}) when the body is not a valid answer
     */
    ChatResponse decode(byte[] body, UpstreamRequest request) throws FailureException;

    /** A reader for one streamed answer. */
    StreamDecoder streamDecoder(UpstreamRequest request);

    /** Whether this upstream answers count_tokens itself (otherwise Baton estimates locally). */
    default boolean countsTokens() {
        return false;
    }
}
