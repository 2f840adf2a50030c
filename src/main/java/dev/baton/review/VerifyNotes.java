package dev.baton.review;

import dev.baton.journal.VerifyNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads the journal's verify notes (`refs/notes/commits`, attached to the tag objects). */
final class VerifyNotes {
    private final Repository repo;
    private final NoteMap notes;

    private VerifyNotes(Repository repo, NoteMap notes) {
        this.repo = repo;
        this.notes = notes;
    }

    static VerifyNotes of(Repository repo) throws IOException {
        Ref ref = repo.exactRef(Constants.R_NOTES_COMMITS);
        if (ref == null) return new VerifyNotes(repo, null);
        try (RevWalk walk = new RevWalk(repo)) {
            return new VerifyNotes(repo, NoteMap.read(walk.getObjectReader(), walk.parseCommit(ref.getObjectId())));
        }
    }

    /** The raw note on an object, or null. */
    String text(ObjectId object) throws IOException {
        if (notes == null) return null;
        Note n = notes.getNote(object);
        if (n == null) return null;
        try (ObjectReader reader = repo.newObjectReader()) {
            return new String(reader.open(n.getData()).getBytes(), StandardCharsets.UTF_8);
        }
    }

    VerifyNote of(Segment s) throws IOException {
        return VerifyNote.parse(text(s.tag().tagId()));
    }
}
