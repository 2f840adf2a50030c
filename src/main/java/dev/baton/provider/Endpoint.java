package dev.baton.provider;

/** What the caller asked for, independent of how a provider spells its URL. */
public enum Endpoint {
    MESSAGES,
    COUNT_TOKENS
}
