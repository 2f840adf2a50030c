package dev.baton.dialect;

import dev.baton.server.Fixtures;
import dev.baton.usage.UsageTap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-event cost of reading an upstream's SSE stream ({@link SseReader}), as a passthrough stream does for every
 * event it relays, and of looking in each for its usage ({@link UsageTap}): the 200-event Anthropic stream of
 * bench/fixtures, score per event. Stream translation per chunk is {@link StreamTranslationBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class SseBench {
    private static final int EVENTS = 200;
    private byte[] stream;
    private List<SseEvent> events;

    @Setup
    public void setup() throws IOException {
        stream = Fixtures.read("anthropic-stream-200.sse");
        events = new ArrayList<>();
        SseReader reader = new SseReader(new ByteArrayInputStream(stream));
        for (SseEvent e; (e = reader.next()) != null; ) events.add(e);
        if (events.size() != EVENTS) throw new IllegalStateException(events.size() + " events, not " + EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void readEvents(Blackhole bh) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream));
        for (SseEvent e; (e = reader.next()) != null; ) bh.consume(e);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Object tapUsage() {
        UsageTap tap = new UsageTap();
        for (SseEvent e : events) tap.onEvent(e);
        return tap.usage();
    }
}
