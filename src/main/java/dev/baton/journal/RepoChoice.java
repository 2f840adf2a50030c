package dev.baton.journal;

import java.nio.file.Path;
import java.util.List;

/** Which git repository the journal writes to. */
public sealed interface RepoChoice {
    /** No journal: nothing configured and `baton serve` does not run at the top of a git work tree, or `enabled: false`. */
    record None(String why) implements RepoChoice {
    }

    /** One work tree, from `repo: PATH` or the directory `baton serve` runs in. */
    record Fixed(Path workTree) implements RepoChoice {
    }

    /**
     * `repo: auto`: the working directory Claude Code states in its system prompt, per session, accepted only when
     * the repository's work tree lies inside one of {@code allowedRoots} (never outside: an agent's prompt must not
     * be able to make Baton commit in an arbitrary directory).
     */
    record Auto(List<Path> allowedRoots) implements RepoChoice {
    }
}
