package dev.baton.server;

import dev.baton.canonical.ChatRequest;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.JsonFields;
import dev.baton.dialect.SharedValues;
import dev.baton.dialect.Wire;
import dev.baton.dialect.anthropic.AnthropicDialect;
import dev.baton.dialect.openai.OpenAiRequestEncoder;
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

/**
 * A Claude Code request on its way to an OpenAI-compatible upstream, step by step: the field scan and checks every
 * request pays, the canonical form (tree and decode), the Chat Completions body, and the token estimate that the
 * output clamp and budgets may ask for. {@code all} is what one translated request costs before it is sent.
 *
 * <p>{@code tools=repeated} sends the same turn again and again, as an agent's session repeats its tools; with
 * {@code tools=changing} each request's tools differ by a few bytes, so nothing parsed or encoded for one turn
 * ({@link dev.baton.dialect.SharedValues}) serves the next. Likewise {@code history=repeated} sends the same messages
 * again (an agent's turn repeats all but its newest messages), and with {@code history=new} every message's bytes
 * differ from request to request (sixteen bytes of whitespace after each message's opening brace, counting), so none
 * was parsed or decoded before: a conversation's first turn, or a client that rewrites its history.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class TranslatedRequestBench {
    @Param({"cc-request.json", "cc-small.json"})
    public String fixture;

    @Param({"repeated", "changing"})
    public String tools;

    @Param({"repeated", "new"})
    public String history;

    private ChangingBody body;
    private ChatRequest canonical;
    private tools.jackson.databind.node.ObjectNode tree;

    @Setup
    public void setup() {
        body = new ChangingBody(Fixtures.read(fixture), tools.equals("changing"), history.equals("new"));
        body().canonical(); // a session's first turn; from its second on, the tools are shared
        canonical = body().canonical();
        tree = body().raw();
    }

    private CallerBody body() {
        JsonFields fields = RequestBody.scan(body.next(), AnthropicDialect.INSTANCE);
        return new CallerBody(Wire.ANTHROPIC, fields, AnthropicDialect.INSTANCE::decodeRequest);
    }

    @Benchmark
    public JsonFields scan() {
        return RequestBody.scan(body.next(), AnthropicDialect.INSTANCE);
    }

    @Benchmark
    public ChatRequest toCanonical() {
        return body().canonical();
    }

    @Benchmark
    public int toChatCompletions() {
        return written(OpenAiRequestEncoder.encode(canonical, false));
    }

    @Benchmark
    public int inputTokens() {
        return body().inputTokens();
    }

    /** The estimate alone, on a tree already built: a session's next turn, its prefix seen before. */
    @Benchmark
    public int estimate() {
        return dev.baton.dialect.anthropic.TokenEstimator.shared().estimate(tree);
    }

    @Benchmark
    public int all() {
        CallerBody b = body();
        b.inputTokens();
        return written(OpenAiRequestEncoder.encode(b.canonical(), false));
    }

    /** Serialized as for the upstream: into a lent array, as the socket write's, given back. */
    private static int written(tools.jackson.databind.node.ObjectNode body) {
        dev.baton.dialect.ScratchArrays.Output out = dev.baton.dialect.ScratchArrays.SHARED.output();
        SharedValues.shared().write(body, out);
        int n = out.size();
        out.release();
        return n;
    }
}
