package dev.baton.dialect;

import dev.baton.canonical.ChatRequest;
import dev.baton.dialect.anthropic.AnthropicRequestEncoder;
import dev.baton.dialect.anthropic.TokenEstimator;
import java.nio.ByteBuffer;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The caller's request body: the raw JSON tree in the caller's dialect (passed through to same-dialect upstreams)
 * and, decoded on first use and then shared by every attempt, its canonical form for upstreams that need translation.
 */
public final class CallerBody {
    private final Wire wire;
    private final JsonFields fields;
    private final Function<ObjectNode, ChatRequest> decoder;
    private volatile ObjectNode raw;
    private volatile ChatRequest canonical;
    private volatile int inputTokens = -1;

    /** A body already parsed into a tree (which Baton may have changed): it goes upstream serialized from the tree. */
    public CallerBody(Wire wire, ObjectNode raw, Function<ObjectNode, ChatRequest> decoder) {
        this.wire = wire;
        this.raw = raw;
        this.fields = null;
        this.decoder = decoder;
    }

    /**
     * The caller's bytes as they came, scanned but not parsed: the tree is built only if something needs it, and a
     * same-dialect upstream can send the bytes themselves with the model spliced in ({@link #withModel}).
     */
    public CallerBody(Wire wire, JsonFields fields, Function<ObjectNode, ChatRequest> decoder) {
        this.wire = wire;
        this.fields = fields;
        this.decoder = decoder;
    }

    /** A body that is already canonical (tests, internal callers); its raw form is absent. */
    public static CallerBody canonical(Wire wire, ChatRequest request) {
        CallerBody b = new CallerBody(wire, (ObjectNode) null, ignored -> request);
        b.canonical = request;
        return b;
    }

    public Wire wire() {
        return wire;
    }

    /**
     * The caller's JSON as sent (minus fields Baton consumed itself), parsed on first use. Upstreams must not modify
     * it: copy first. Null for a body that was canonical from the start. Throws {@link InvalidRequestException} for
     * JSON the parser refuses although it is valid (past its limits on number length or nesting).
     */
    public ObjectNode raw() {
        ObjectNode r = raw;
        if (r == null && fields != null) raw = r = fields.tree();
        return r;
    }

    /**
     * This body without its top-level field {@code key} (a field for Baton, not the upstream): a tree, which then goes
     * upstream serialized. Itself when the field is absent.
     */
    public CallerBody without(String key) {
        if (field(key) == null) return this;
        ObjectNode tree = fields != null ? fields.tree() : raw.deepCopy();
        tree.remove(key);
        return new CallerBody(wire, tree, decoder);
    }

    /** The caller's bytes with their top-level fields located, or null when the body came as a tree. */
    public JsonFields fields() {
        return fields;
    }

    /**
     * The caller's bytes with {@code model} spliced in, for an upstream that would send {@link #raw()} unchanged;
     * null when there are no such bytes, and the tree must be serialized instead.
     */
    public ByteBuffer[] withModel(String model) {
        return fields == null ? null : fields.withStringParts("model", model);
    }

    /** {@link #withModel}, with `stream` set too (a whole answer asked for as a stream). */
    public ByteBuffer[] withModelAndStream(String model, boolean stream) {
        if (fields == null) return null;
        return fields.withValues(java.util.Map.of("model", Json.MAPPER.writeValueAsBytes(model),
                "stream", (stream ? "true" : "false").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** One top-level field, read without building the whole tree when it has not been built; null when absent. */
    public JsonNode field(String key) {
        ObjectNode r = raw;
        if (r != null || fields == null) return r == null ? null : r.get(key);
        return fields.node(key);
    }

    /** How many bytes the caller sent, or -1 when unknown. */
    public int size() {
        return fields == null ? -1 : fields.bytes().length;
    }

    /**
     * The input tokens of the request as Anthropic would count them, estimated once (over-estimating on purpose) and
     * shared by whoever needs it: the context-window check, output clamps, budget reservations.
     */
    public int inputTokens() {
        int t = inputTokens;
        if (t < 0) {
            ObjectNode anthropic = wire == Wire.ANTHROPIC && raw() != null ? raw() : AnthropicRequestEncoder.encode(canonical());
            inputTokens = t = TokenEstimator.shared().estimate(anthropic);
        }
        return t;
    }

    /** The request in canonical form; throws {@link InvalidRequestException} when the body cannot be decoded. */
    public ChatRequest canonical() {
        ChatRequest c = canonical;
        if (c == null) {
            try {
                // a tree built only for the decode is not kept: the bytes can rebuild it, and a translated request
                // that waits for its upstream would otherwise hold both forms (256 such 83 KB turns filled the heap)
                ObjectNode tree = raw;
                c = decoder.apply(tree != null || fields == null ? raw() : fields.tree());
                ToolPairing.check(c);
                canonical = c;
            } catch (JacksonException e) { // a value of a type the decoder did not expect: the body's fault, not Baton's
                throw new InvalidRequestException("request body cannot be translated: " + e.getOriginalMessage());
            }
        }
        return c;
    }
}
