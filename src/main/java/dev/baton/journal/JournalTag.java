package dev.baton.journal;

import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One journal tag found in a repository.
 *
 * @param name    the parsed name
 * @param tagId   the annotated tag object (what verify notes are attached to)
 * @param commit  the commit it points at
 * @param time    when it was made: the message's `Baton-Time` (milliseconds), else the tagger's time
 * @param message the tag's message
 */
public record JournalTag(TagName name, ObjectId tagId, ObjectId commit, Instant time, String message) {
    public String refName() {
        return "refs/tags/" + name.name();
    }
}
