package dev.baton.ui;

import dev.baton.journal.JournalSettings;
import dev.baton.journal.RepoChoice;
import dev.baton.review.RecordedSegmentUsage;
import dev.baton.review.Segment;
import dev.baton.review.SegmentReport;
import dev.baton.review.Segments;
import dev.baton.store.UsageStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The repository the journal writes to, opened for `baton review`'s own classes. Only a fixed repository (`repo:`
 * or the directory `baton serve` runs in) can be reviewed here; with `repo: auto` each session has its own, and
 * `baton review` in that project does it.
 */
final class ReviewRepo {
    private final JournalSettings settings;
    private final UsageStore usage;

    ReviewRepo(JournalSettings settings, UsageStore usage) {
        this.settings = settings;
        this.usage = usage;
    }

    /** Why there is nothing to review here, or null when there is a repository. */
    String unavailable() {
        return switch (settings.repo()) {
            case RepoChoice.Fixed f -> null;
            case RepoChoice.None n -> "The journal is off: " + n.why() + ".";
            case RepoChoice.Auto a -> "The journal follows each session's working directory (repo: auto); run baton review in that project.";
        };
    }

    /** Opens the repository; the caller closes it. */
    Repository open() {
        if (!(settings.repo() instanceof RepoChoice.Fixed f)) throw new UiExchange.Refused(409, unavailable());
        File dir = f.workTree().toFile();
        FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(dir);
        if (b.getGitDir() == null) throw new UiExchange.Refused(409, dir + " is not a git repository");
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String where() {
        return settings.repo() instanceof RepoChoice.Fixed f ? f.workTree().toString() : "";
    }

    List<Segment> segments(Repository r) throws IOException {
        return Segments.of(r, settings.tagPrefix());
    }

    List<SegmentReport> reports(Repository r) throws IOException {
        return SegmentReport.of(r, segments(r), new RecordedSegmentUsage(usage));
    }
}
