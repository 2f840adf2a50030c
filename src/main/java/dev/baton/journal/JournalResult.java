package dev.baton.journal;

import java.nio.file.Path;
import java.util.List;

/** What the journal did with one switch. */
public sealed interface JournalResult {
    /**
     * @param workTree  the repository's work tree
     * @param tag       the tag's name
     * @param commit    the tagged commit
     * @param committed whether a commit was made (false with auto_commit off: HEAD was tagged)
     * @param leftOut   files left out of the commit for their size
     */
    record Recorded(Path workTree, String tag, String commit, boolean committed, List<String> leftOut) implements JournalResult {
    }

    /** Nothing was written, and why (a merge in progress, index.lock held too long, no repository...). */
    record Skipped(String reason) implements JournalResult {
    }
}
