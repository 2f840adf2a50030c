package dev.baton.dialect;

import dev.baton.canonical.FailureException;
import dev.baton.canonical.StreamEvent;
import dev.baton.dialect.anthropic.AnthropicDialect;
import dev.baton.dialect.anthropic.AnthropicStreamDecoder;
import dev.baton.dialect.openai.OpenAiDialect;
import dev.baton.dialect.openai.OpenAiStreamDecoder;
import dev.baton.dialect.openai.ToolArguments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Stream translation per upstream chunk, as OpenedStream.translate runs it: each SSE event decoded by the upstream's
 * StreamDecoder into canonical events, each of those encoded by the caller's StreamEncoder. The 200-chunk streams of
 * bench/fixtures; score per upstream chunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class StreamTranslationBench {
    private static final int CHUNKS = 200;
    private List<SseEvent> openAiChunks;
    private List<SseEvent> anthropicEvents;

    @Setup
    public void setup() throws IOException {
        openAiChunks = events("openai-stream-200.sse");
        anthropicEvents = events("anthropic-stream-200.sse");
    }

    private static List<SseEvent> events(String fixture) throws IOException {
        List<SseEvent> out = new ArrayList<>();
        SseReader reader = new SseReader(new ByteArrayInputStream(dev.baton.server.Fixtures.read(fixture)));
        for (SseEvent e; (e = reader.next()) != null; ) out.add(e);
        return out;
    }

    /** Claude Code in front of an OpenAI-compatible upstream: OpenAI chunks to Anthropic events. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public void openAiToAnthropic(Blackhole bh) throws FailureException {
        StreamDecoder decoder = new OpenAiStreamDecoder("openai", ToolArguments.lenient(), new ToolCallMemory(64));
        translate(openAiChunks, decoder, AnthropicDialect.INSTANCE.streamEncoder(null, "claude-sonnet-4-5"), bh);
    }

    /** An OpenAI client in front of Anthropic: Anthropic events to OpenAI chunks. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public void anthropicToOpenAi(Blackhole bh) throws FailureException {
        translate(anthropicEvents, new AnthropicStreamDecoder(), new OpenAiDialect().streamEncoder(null, "gpt-4o"), bh);
    }

    private static void translate(List<SseEvent> events, StreamDecoder decoder, StreamEncoder encoder, Blackhole bh) throws FailureException {
        Consumer<StreamEvent> send = ev -> bh.consume(encoder.encode(ev));
        for (SseEvent e : events) decoder.decode(e, send);
        decoder.end(send);
    }
}
