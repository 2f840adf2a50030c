package dev.baton.review;

import dev.baton.journal.JournalTag;
import dev.baton.journal.TagName;
import dev.baton.journal.Trailers;
import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One model's stretch of work: from its journal tag to the next journal tag (whatever model that is), or to HEAD
 * while it is the newest. Its commits are those reachable from {@link #end()} and not from the tag's commit; the
 * next tag's auto-commit, which holds the model's last uncommitted edits, belongs to it.
 *
 * @param tag  the tag that opened it
 * @param next the tag that closed it, or null while it is open
 * @param end  the next tag's commit, or HEAD's
 */
public record Segment(JournalTag tag, JournalTag next, ObjectId end) {
    public String model() {
        return tag.name().model();
    }

    public String tagName() {
        return tag.name().name();
    }

    public boolean accepted() {
        return tag.name().accepted();
    }

    public boolean open() {
        return next == null;
    }

    public ObjectId start() {
        return tag.commit();
    }

    public Instant from() {
        return tag.time();
    }

    /** When it closed, or null while open. */
    public Instant to() {
        return next == null ? null : next.time();
    }

    /** The session whose switch opened it (`Baton-Session`), for usage lookups. */
    public String session() {
        return Trailers.parse(tag.message()).get("Baton-Session");
    }

    public String reason() {
        return Trailers.parse(tag.message()).get("Baton-Reason");
    }

    /** Whether the user's MODEL argument names this segment: the model (as in the tag, or as given) or the tag itself. */
    public boolean matches(String modelOrTag) {
        return model().equals(modelOrTag) || model().equals(TagName.sanitize(modelOrTag)) || tagName().equals(modelOrTag);
    }
}
