package dev.baton.provider;

import dev.baton.config.Deployment;
import dev.baton.dialect.CallerBody;

/**
 * One attempt's request, before a provider turns it into its own wire format.
 *
 * @param deployment where it goes
 * @param model      the upstream model id to ask for (the deployment's, or the caller's for wildcard deployments)
 * @param endpoint   messages or count_tokens
 * @param body       the caller's body: raw in the caller's dialect, and canonical on demand; providers copy before
 *                   changing anything
 * @param stream     whether the caller asked for a stream
 * @param caller     forwarded headers and caller credentials
 * @param timeouts   limits for this attempt
 */
public record UpstreamRequest(
        Deployment deployment,
        String model,
        Endpoint endpoint,
        CallerBody body,
        boolean stream,
        CallerContext caller,
        Timeouts timeouts) {
}
