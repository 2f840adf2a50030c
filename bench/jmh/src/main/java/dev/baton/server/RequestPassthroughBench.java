package dev.baton.server;

import dev.baton.dialect.Json;
import dev.baton.dialect.anthropic.AnthropicDialect;
import dev.baton.provider.PassthroughBody;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import dev.baton.dialect.JsonFields;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Claude Code request through the same-dialect (passthrough) path. Baton now validates the caller's bytes and
 * locates their top-level fields ({@code RequestBody.scan}, no tree) and sends them with the model spliced in;
 * {@code parseTree} and {@code encode} are the former path (a Jackson tree, serialized again), kept for comparison.
 *
 * <p>{@code values=repeated} sends the same bytes every time, as an agent's turns repeat their tools and earlier
 * messages, which the scan then knows (dev.baton.dialect.ScannedValues); with {@code values=new} the tools and every
 * message are new bytes on each call ({@link ChangingBody}), so the scan validates every byte.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class RequestPassthroughBench {
    /** cc-request.json: 83 KB, 20 tools, 30 messages; cc-small.json: 2 KB. */
    @Param({"cc-request.json", "cc-small.json"})
    public String fixture;

    @Param({"repeated", "new"})
    public String values;

    private ChangingBody body;
    private ObjectNode tree;

    @Setup
    public void setup() {
        body = new ChangingBody(Fixtures.read(fixture), values.equals("new"), values.equals("new"));
        tree = RequestBody.scan(body.next(), AnthropicDialect.INSTANCE).tree();
    }

    /** Validate (UTF-8 and the types of the fields Baton reads included) and locate the top-level fields: what every request pays now. */
    @Benchmark
    public JsonFields decode() {
        return RequestBody.scan(body.next(), AnthropicDialect.INSTANCE);
    }

    /** The former decode: the whole Jackson tree. */
    @Benchmark
    public ObjectNode parseTree() {
        return (ObjectNode) Json.MAPPER.readTree(body.next());
    }

    /** The former encode: adapt the tree for the vendor, rewrite the model, serialize. */
    @Benchmark
    public byte[] encode() {
        return PassthroughBody.serialize(tree, "claude-sonnet-4-5-20250929");
    }

    /** The whole passthrough request path as Baton runs it now: scan, then the caller's bytes with the model spliced in. */
    @Benchmark
    public byte[] decodeAndEncode() {
        return RequestBody.scan(body.next(), AnthropicDialect.INSTANCE).withString("model", "claude-sonnet-4-5-20250929");
    }
}
