package dev.baton.provider;

import java.time.Duration;

/**
 * Limits for one attempt.
 *
 * @param firstByte how long to wait for the response headers of a stream (a non-streamed answer may take up to
 *                  {@code total}, because the upstream only answers when it has finished)
 * @param idle      longest silence inside a stream
 * @param total     the whole attempt
 */
public record Timeouts(Duration firstByte, Duration idle, Duration total) {
}
