/**
 * Fake LLM upstreams for tests: real HTTP on 127.0.0.1 that can fail on cue.
 *
 * <p>{@link dev.baton.testing.FakeServer} owns sockets, HTTP/1.1, request recording and {@link dev.baton.testing.Fault}s;
 * a {@link dev.baton.testing.Dialect} supplies a provider's wire format ({@link dev.baton.testing.FakeAnthropic} for
 * Anthropic, {@link dev.baton.testing.FakeOpenAi} for OpenAI Chat Completions and its compatible vendors). A new provider fake is a new Dialect plus a thin wrapper like FakeAnthropic.
 */
package dev.baton.testing;
