package dev.baton.store;

/** What one model, provider, key or session spent in one hour or day: a point of the dashboard's spend plot. */
public record SpendPoint(long bucketStartMs, String name, long requests, double costUsd) {
}
