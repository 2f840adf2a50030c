package dev.baton.routing;

import dev.baton.config.Deployment;

/** What a deployment charges, for strategies that weigh price: USD per million tokens, NaN when unknown. */
@FunctionalInterface
public interface Pricing {
    Pricing UNKNOWN = (d, model) -> Double.NaN;

    /** Blended three input tokens to one output token (coding agents read far more than they write). */
    double perMillionTokens(Deployment d, String upstreamModel);
}
