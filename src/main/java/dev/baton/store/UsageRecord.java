package dev.baton.store;

import dev.baton.canonical.Usage;

/**
 * One request as the usage table keeps it.
 *
 * @param atMs           when the request arrived (epoch milliseconds)
 * @param keyHash        the virtual key's SHA-256, {@value #MASTER_KEY} for the master key, or null (open gateway)
 * @param keyAlias       the virtual key's alias, {@value #MASTER_KEY} for the master key, or null
 * @param session        Claude Code's session (or the key), for `baton spend --by session`
 * @param requestedModel the model the caller asked for
 * @param modelGroup     the group it resolved to, or null when none did
 * @param deployment     the deployment that served, or null when none did
 * @param provider       that deployment's provider (`anthropic`, `openai`, ...), or null
 * @param upstreamModel  the model id the serving deployment was asked for, or null
 * @param status         the HTTP status the caller got
 * @param attempts       how many deployments were tried
 * @param attemptPath    the path through the deployments, `a: rate limited (429) > b: ok`
 * @param ttftMs         time to the first content event of a stream, or null (not streamed, not served)
 * @param costUsd        what the provider charges for it, by the price table
 */
public record UsageRecord(
        long atMs,
        String keyHash,
        String keyAlias,
        String session,
        String requestedModel,
        String modelGroup,
        String deployment,
        String provider,
        String upstreamModel,
        int status,
        boolean stream,
        int attempts,
        String attemptPath,
        long latencyMs,
        Long ttftMs,
        Usage usage,
        double costUsd) {
    /** What stands for the master key in {@code keyHash} and {@code keyAlias}: never its hash, which is no one's business. */
    public static final String MASTER_KEY = "master";
}
