package dev.baton.canonical;

/** Carries a {@link Failure} out of code that talks to an upstream. */
public final class FailureException extends Exception {
    private final transient Failure failure;

    public FailureException(Failure failure) {
        super(failure.detail(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
