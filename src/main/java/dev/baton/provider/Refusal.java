package dev.baton.provider;

import dev.baton.canonical.Failure;

/**
 * A provider's refusal of the request itself (a 400, 413 or 422), sorted into what another deployment may still
 * take (a prompt too long for this one, a content filter of this provider) and what would fail everywhere.
 */
public final class Refusal {
    private Refusal() {
    }

    /** @param text the provider's error code and message, as it worded them */
    public static Failure of(int status, String text, String detail) {
        if (ContextOverflow.matches(text)) return new Failure.ContextTooLong(detail);
        if (ContentPolicy.matches(text)) return new Failure.ContentPolicy(status, detail);
        return new Failure.Rejected(status, detail);
    }
}
