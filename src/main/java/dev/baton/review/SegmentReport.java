package dev.baton.review;

import dev.baton.journal.VerifyNote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;

/**
 * One row of `baton review --analyze`.
 *
 * @param verify the verify note on the segment's tag, or null when none ran
 * @param usage  tokens and cost, or null while unknown
 */
public record SegmentReport(Segment segment, SegmentStats stats, VerifyNote verify, SegmentUsage.Usage usage) {

    public static List<SegmentReport> of(Repository repo, List<Segment> segments, SegmentUsage usage) throws IOException {
        VerifyNotes notes = VerifyNotes.of(repo);
        List<SegmentReport> out = new ArrayList<>();
        for (Segment s : segments) out.add(new SegmentReport(s, SegmentStats.of(repo, s), notes.of(s), usage.of(s)));
        return out;
    }

    public boolean failed() {
        return verify != null && !verify.passed();
    }
}
