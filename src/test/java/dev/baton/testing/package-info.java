/**
 * Fake LLM upstreams for tests: real HTTP on 127.0.0.1 that can fail on cue.
 *
 * <p>{@link dev.baton.testing.FakeServer} owns sockets, HTTP/1.1, request recording and {@link dev.baton.testing.Fault}s;
 * a {@link dev.baton.testing.Dialect} supplies a provider's wire format ({@link dev.baton.testing.FakeAnthropic} for
 * Anthropic, {@link dev.baton.testing.FakeOpenAi} for OpenAI Chat Completions and its compatible vendors). A new provider fake is a new Dialect plus a thin wrapper like FakeAnthropic.
 *
 * <p>Real engines too: {@link dev.baton.testing.PostgresServer} and {@link dev.baton.testing.RedisServer} start a
 * throw-away PostgreSQL and Redis from Debian's packages once per test run (JUnit parameter resolvers); without the
 * packages, the tests that use them fail and say what to install.
 */
package dev.baton.testing;
