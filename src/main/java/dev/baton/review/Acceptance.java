package dev.baton.review;

import dev.baton.journal.TagName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * `--accept MODEL`: renames the model's tags `<prefix>…` → `accepted-…`. Git cannot rename a tag: a new annotated
 * tag with the same tagger, message and target is made, the verify note is carried over, the old tag is deleted.
 */
public final class Acceptance {
    private Acceptance() {
    }

    /** @return the new tag names */
    public static List<String> accept(Repository repo, List<Segment> segments) throws IOException, GitAPIException {
        List<String> renamed = new ArrayList<>();
        VerifyNotes notes = VerifyNotes.of(repo);
        try (Git git = new Git(repo); RevWalk walk = new RevWalk(repo)) {
            for (Segment s : segments) {
                if (s.accepted()) continue;
                RevTag old = walk.parseTag(s.tag().tagId());
                RevCommit target = walk.parseCommit(s.tag().commit());
                String newName = s.tag().name().withPrefix(TagName.ACCEPTED).name();
                git.tag().setName(newName).setObjectId(target).setAnnotated(true).setSigned(false)
                        .setTagger(old.getTaggerIdent()).setMessage(old.getFullMessage()).call();
                String note = notes.text(old.getId());
                if (note != null) {
                    ObjectId created = repo.exactRef(Constants.R_TAGS + newName).getObjectId();
                    RevObject newTag = walk.parseAny(created);
                    git.notesAdd().setObjectId(newTag).setMessage(note).call();
                    git.notesRemove().setObjectId(old).call();
                }
                git.tagDelete().setTags(s.tagName()).call();
                renamed.add(newName);
            }
        }
        return renamed;
    }
}
