package dev.baton.review;

import java.util.List;

/** What `--rollback` did. */
public sealed interface RollbackResult {
    /** Each commit reverted by a new commit, newest first; {@code skipped} says what was left alone and why. */
    record Reverted(List<String> reverted, String head, List<String> skipped) implements RollbackResult {
    }

    /** Nothing to revert (no segments, all accepted, already reverted); the message says which. */
    record Nothing(String message) implements RollbackResult {
    }

    /** Refused before touching anything (dirty tree, merge in progress...); the message says what to do. */
    record Refused(String message) implements RollbackResult {
    }

    /**
     * Reverting {@code commit} conflicted in {@code files}; the repository was put back exactly as it was.
     * {@code planned} are all the commits the rollback meant to revert, newest first (for doing it by hand).
     */
    record Conflict(String commit, List<String> files, List<String> planned) implements RollbackResult {
    }
}
