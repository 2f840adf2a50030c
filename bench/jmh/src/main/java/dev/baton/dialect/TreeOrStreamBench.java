package dev.baton.dialect;

import dev.baton.server.Fixtures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * What a streaming decoder could save on a translated turn: the `messages` of the 83 KB Claude Code turn (30
 * messages, 33 KB) parsed into a Jackson tree, against a bare walk of the same bytes with Jackson's streaming parser
 * that reads every string and name (what any decoder to the canonical form must still do), and the tree written back
 * (what an encoder pays per string). The gap between {@code tree} and {@code walk} is the most a decoder without the
 * tree could win.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class TreeOrStreamBench {
    private byte[] messages;
    private JsonNode tree;

    @Setup
    public void setup() {
        tree = Json.MAPPER.readTree(Fixtures.read("cc-request.json")).get("messages");
        messages = Json.MAPPER.writeValueAsBytes(tree);
    }

    @Benchmark
    public JsonNode tree() {
        return Json.MAPPER.readTree(messages);
    }

    @Benchmark
    public long walk() {
        long seen = 0;
        try (JsonParser p = Json.MAPPER.createParser(messages)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING) seen += p.getString().length();
                else if (t == JsonToken.PROPERTY_NAME) seen += p.currentName().length();
            }
        }
        return seen;
    }

    @Benchmark
    public byte[] write() {
        return Json.MAPPER.writeValueAsBytes(tree);
    }
}
