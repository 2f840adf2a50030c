package dev.baton.server;

import dev.baton.canonical.Failure;
import dev.baton.catalog.ModelCatalog;
import dev.baton.dialect.CallerBody;
import dev.baton.provider.CallerContext;
import dev.baton.routing.FallbackEngine;
import java.util.OptionalInt;

/**
 * Passes over deployments whose known context window the request cannot fit, without asking them, so a long
 * conversation goes straight to a deployment that can take it (field notes 20). Costs nothing for requests smaller
 * than the window in bytes (a token is at least a byte); only larger ones are counted, once per request.
 */
final class ContextFit {
    private final ModelCatalog catalog;
    private final CallerBody body;
    private final int bodyBytes;
    private final boolean oneMillionBeta;

    ContextFit(ModelCatalog catalog, CallerBody body, int bodyBytes, CallerContext caller) {
        this.catalog = catalog;
        this.body = body;
        this.bodyBytes = bodyBytes;
        String beta = caller.header("anthropic-beta");
        this.oneMillionBeta = beta != null && beta.contains("context-1m");
    }

    /** A ContextTooLong failure when the candidate's window is known and too small, else null. */
    Failure check(FallbackEngine.Candidate c) {
        if (oneMillionBeta) return null; // the caller raised the window itself; the table cannot know
        OptionalInt window = catalog.contextWindow(c.deployment(), c.upstreamModel());
        if (window.isEmpty() || bodyBytes <= window.getAsInt()) return null;
        int tokens = body.inputTokens();
        if (tokens <= window.getAsInt()) return null;
        return new Failure.ContextTooLong("the request has about " + tokens + " input tokens, more than the "
                + window.getAsInt() + " of " + c.deployment().id() + "'s context window");
    }
}
