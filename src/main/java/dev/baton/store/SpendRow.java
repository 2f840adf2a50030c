package dev.baton.store;

/** One line of a spend report: a model, provider, key, session or day, and what it used and cost. */
public record SpendRow(String name, long requests, long inputTokens, long outputTokens, long cacheReadTokens,
                       long cacheWriteTokens, double costUsd) {
}
