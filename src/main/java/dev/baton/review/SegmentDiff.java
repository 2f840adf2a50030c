package dev.baton.review;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/** `--diff MODEL`: each of the model's segments as a unified diff from its start to its end, as `git diff` prints it. */
public final class SegmentDiff {
    private SegmentDiff() {
    }

    public static void write(Repository repo, List<Segment> segments, OutputStream out) throws IOException {
        try (RevWalk walk = new RevWalk(repo); DiffFormatter df = new DiffFormatter(out)) {
            df.setRepository(repo);
            df.setDetectRenames(true);
            for (Segment s : segments) {
                String head = "# " + s.tagName() + ": " + s.start().abbreviate(7).name() + ".." + s.end().abbreviate(7).name()
                        + (s.open() ? " (open: up to HEAD)" : "") + "\n";
                out.write(head.getBytes(StandardCharsets.UTF_8));
                df.format(walk.parseCommit(s.start()).getTree(), walk.parseCommit(s.end()).getTree());
                df.flush();
            }
        }
    }
}
