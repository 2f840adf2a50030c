package dev.baton.dialect;

import dev.baton.canonical.ChatRequest;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The caller's request body: the raw JSON tree in the caller's dialect (passed through to same-dialect upstreams)
 * and, decoded on first use and then shared by every attempt, its canonical form for upstreams that need translation.
 */
public final class CallerBody {
    private final Wire wire;
    private final ObjectNode raw;
    private final byte[] rawJson;
    private final Function<ObjectNode, ChatRequest> decoder;
    private volatile ChatRequest canonical;

    public CallerBody(Wire wire, ObjectNode raw, Function<ObjectNode, ChatRequest> decoder) {
        this(wire, raw, null, decoder);
    }

    /**
     * @param rawJson the bytes {@code raw} was parsed from, when Baton has not changed the tree since (it may still
     *                set {@code model}, which upstreams rewrite anyway); null otherwise
     */
    public CallerBody(Wire wire, ObjectNode raw, byte[] rawJson, Function<ObjectNode, ChatRequest> decoder) {
        this.wire = wire;
        this.raw = raw;
        this.rawJson = rawJson;
        this.decoder = decoder;
    }

    /** A body that is already canonical (tests, internal callers); its raw form is absent. */
    public static CallerBody canonical(Wire wire, ChatRequest request) {
        CallerBody b = new CallerBody(wire, null, ignored -> request);
        b.canonical = request;
        return b;
    }

    public Wire wire() {
        return wire;
    }

    /** The caller's JSON as sent (minus fields Baton consumed itself). Upstreams must not modify it: copy first. */
    public ObjectNode raw() {
        return raw;
    }

    /**
     * The caller's bytes, equal to {@link #raw()} but for {@code model}: an upstream that sends the tree unchanged can
     * send these with the model spliced in ({@link JsonSplice}) rather than serialize the tree. Null when unknown.
     */
    public byte[] rawJson() {
        return rawJson;
    }

    /** The request in canonical form; throws {@link InvalidRequestException} when the body cannot be decoded. */
    public ChatRequest canonical() {
        ChatRequest c = canonical;
        if (c == null) canonical = c = decoder.apply(raw);
        return c;
    }
}
