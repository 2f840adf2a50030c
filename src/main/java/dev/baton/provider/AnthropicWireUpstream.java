package dev.baton.provider;

import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.StreamDecoder;
import dev.baton.dialect.Wire;
import dev.baton.dialect.anthropic.AnthropicFailures;
import dev.baton.dialect.anthropic.AnthropicResponseDecoder;
import dev.baton.dialect.anthropic.AnthropicStreamDecoder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What every upstream answering in Anthropic's dialect shares: how its answers and failures are read. */
abstract class AnthropicWireUpstream implements Upstream {

    @Override
    public final Wire wire() {
        return Wire.ANTHROPIC;
    }

    @Override
    public Failure classify(int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        return AnthropicFailures.classify(status, headers, body, now);
    }

    @Override
    public ChatResponse decode(byte[] body, UpstreamRequest request) throws FailureException {
        return AnthropicResponseDecoder.decode(body);
    }

    @Override
    public StreamDecoder streamDecoder(UpstreamRequest request) {
        return new AnthropicStreamDecoder();
    }
}
