package dev.baton.review;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * What a segment changed: its commits (newest first) and the net diff from its start to its end.
 *
 * @param commits the segment's commits, newest first
 * @param files   files changed between start and end
 * @param added   lines added
 * @param removed lines removed
 */
public record SegmentStats(List<RevCommit> commits, int files, int added, int removed) {

    public static SegmentStats of(Repository repo, Segment s) throws IOException {
        List<RevCommit> commits = commits(repo, s);
        int added = 0;
        int removed = 0;
        List<DiffEntry> entries;
        try (RevWalk walk = new RevWalk(repo); DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            df.setRepository(repo);
            df.setDetectRenames(true);
            entries = df.scan(walk.parseCommit(s.start()).getTree(), walk.parseCommit(s.end()).getTree());
            for (DiffEntry e : entries) {
                for (Edit edit : df.toFileHeader(e).toEditList()) {
                    added += edit.getLengthB();
                    removed += edit.getLengthA();
                }
            }
        }
        return new SegmentStats(commits, entries.size(), added, removed);
    }

    static List<RevCommit> commits(Repository repo, Segment s) throws IOException {
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.sort(RevSort.TOPO);
            walk.markStart(walk.parseCommit(s.end()));
            walk.markUninteresting(walk.parseCommit(s.start()));
            for (RevCommit c : walk) out.add(c);
        }
        return out;
    }
}
