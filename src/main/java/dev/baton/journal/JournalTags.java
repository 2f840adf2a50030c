package dev.baton.journal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/** The journal's tags in a repository, oldest first: `<prefix>...` and `accepted-...`. */
public final class JournalTags {
    private static final Comparator<JournalTag> ORDER = Comparator.comparing(JournalTag::time)
            .thenComparing(t -> t.name().stamp()).thenComparingInt(t -> t.name().seq());

    private JournalTags() {
    }

    public static List<JournalTag> list(Repository repo, String prefix) throws IOException {
        List<JournalTag> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String short_ = ref.getName().substring(Constants.R_TAGS.length());
                Optional<TagName> name = TagName.parse(short_, prefix);
                if (name.isEmpty()) continue;
                RevObject o = walk.parseAny(ref.getObjectId());
                if (!(o instanceof RevTag tag)) continue; // lightweight tags are not Baton's
                RevObject target = walk.peel(tag);
                if (target.getType() != Constants.OBJ_COMMIT) continue;
                out.add(new JournalTag(name.get(), tag.getId(), target.getId(), time(tag), tag.getFullMessage()));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** The newest journal tag, if any. */
    public static Optional<JournalTag> latest(Repository repo, String prefix) throws IOException {
        List<JournalTag> all = list(repo, prefix);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Whether `<prefix>rest` or `accepted-rest` is taken: an accepted tag keeps its name's slot. */
    static boolean taken(Repository repo, TagName name) throws IOException {
        return exists(repo, name.name()) || exists(repo, name.withPrefix(TagName.ACCEPTED).name());
    }

    private static boolean exists(Repository repo, String tag) throws IOException {
        return repo.exactRef(Constants.R_TAGS + tag) != null;
    }

    private static Instant time(RevTag tag) {
        Instant t = Trailers.time(tag.getFullMessage());
        if (t != null) return t;
        PersonIdent who = tag.getTaggerIdent();
        return who != null ? who.getWhenAsInstant() : Instant.EPOCH;
    }
}
