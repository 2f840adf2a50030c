package dev.baton.server;

import dev.baton.dialect.Json;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * A Claude Code request through the same-dialect (passthrough) path: decode the caller's bytes into the tree
 * ({@code RequestBody.parse}), then produce the bytes sent upstream ({@code AnthropicBodyRules.adapt} for a vendor
 * that takes everything, model rewritten, serialized).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class RequestPassthroughBench {
    /** cc-request.json: 83 KB, 20 tools, 30 messages; cc-small.json: 2 KB. */
    @Param({"cc-request.json", "cc-small.json"})
    public String fixture;

    private byte[] bytes;
    private ObjectNode tree;

    @Setup
    public void setup() {
        bytes = Fixtures.read(fixture);
        tree = RequestBody.parse(bytes, true);
    }

    @Benchmark
    public ObjectNode decode() {
        return RequestBody.parse(bytes, true);
    }

    /** What the upstream gets from the tree: adapt for the vendor, rewrite the model, serialize. */
    @Benchmark
    public byte[] encode() {
        return PassthroughBody.serialize(tree, "claude-sonnet-4-5-20250929");
    }

    /** What the upstream gets when the tree is unchanged: the caller's bytes with the model spliced in. */
    @Benchmark
    public byte[] encodeBySplice() {
        return PassthroughBody.splice(bytes, "claude-sonnet-4-5-20250929");
    }

    /** The whole passthrough request path as Baton runs it now. */
    @Benchmark
    public byte[] decodeAndEncode() {
        ObjectNode t = RequestBody.parse(bytes, true);
        byte[] spliced = PassthroughBody.splice(bytes, "claude-sonnet-4-5-20250929");
        return spliced != null ? spliced : Json.MAPPER.writeValueAsBytes(t);
    }
}
