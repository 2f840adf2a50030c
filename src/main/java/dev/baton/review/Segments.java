package dev.baton.review;

import dev.baton.journal.JournalTag;
import dev.baton.journal.JournalTags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** The segments of a repository's journal, oldest first. */
public final class Segments {
    private Segments() {
    }

    public static List<Segment> of(Repository repo, String prefix) throws IOException {
        List<JournalTag> tags = JournalTags.list(repo, prefix);
        ObjectId head = repo.resolve("HEAD^{commit}");
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            JournalTag next = i + 1 < tags.size() ? tags.get(i + 1) : null;
            ObjectId end = next != null ? next.commit() : head != null ? head : tags.get(i).commit();
            out.add(new Segment(tags.get(i), next, end));
        }
        return out;
    }

    public static List<Segment> ofModel(List<Segment> all, String modelOrTag) {
        return all.stream().filter(s -> s.matches(modelOrTag)).toList();
    }

    /** What a rollback of MODEL (or one tag) reverts: its segments not yet accepted. */
    public static List<Segment> toRollBack(List<Segment> all, String modelOrTag) {
        return ofModel(all, modelOrTag).stream().filter(s -> !s.accepted()).toList();
    }
}
