package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigLoader;
import dev.baton.journal.JournalSettings;
import dev.baton.review.Acceptance;
import dev.baton.review.AnalysisView;
import dev.baton.review.Rollback;
import dev.baton.review.RollbackResult;
import dev.baton.review.Segment;
import dev.baton.review.SegmentDiff;
import dev.baton.review.SegmentReport;
import dev.baton.review.RecordedSegmentUsage;
import dev.baton.review.SegmentUsage;
import dev.baton.store.Database;
import dev.baton.store.UsageStore;
import dev.baton.review.Segments;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `baton review`: look at, keep or undo each model's work, from the journal's tags. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Review each model's work in this repository: what it changed, keep it or roll it back.")
final class ReviewCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", description = "the repository (default: the one the current directory is in)")
    Path repo;

    @Option(names = "--json", description = "with --analyze: JSON instead of a table")
    boolean json;

    @Option(names = "--tag-prefix", paramLabel = "PREFIX",
            description = "the journal's tag prefix (default: baton.journal.tag_prefix from --config or BATON_CONFIG, else model-)")
    String tagPrefix;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "config file to read baton.journal.tag_prefix from")
    Path config;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = {"-a", "--analyze"}, description = "each model's segments: time, commits, files, lines, accepted, verify (the default)")
        boolean analyze;

        @Option(names = "--diff", paramLabel = "MODEL", description = "the diff of that model's segments")
        String diff;

        @Option(names = "--accept", paramLabel = "MODEL", description = "keep that model's work: rename its tags to accepted-*")
        String accept;

        @Option(names = "--rollback", paramLabel = "MODEL", description = "git revert that model's commits, newest first, as new commits")
        String rollback;

        @Option(names = "--rollback-failed", description = "git revert every segment whose verify check failed")
        boolean rollbackFailed;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        String prefix;
        try {
            prefix = prefix();
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            return 1;
        }
        File start = (repo != null ? repo : Path.of("")).toAbsolutePath().toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(start);
        if (builder.getGitDir() == null || (repo != null && !Files.isDirectory(repo))) {
            System.err.println("not a git repository: " + start + " (use --repo DIR)");
            return 1;
        }
        try (Repository r = builder.build(); UsageAccess usage = new UsageAccess(config)) {
            String where = r.isBare() ? r.getDirectory().toString() : r.getWorkTree().toString();
            List<Segment> all = Segments.of(r, prefix);
            Action a = action != null ? action : new Action();
            if (a.diff != null) {
                List<Segment> mine = Segments.ofModel(all, a.diff);
                if (mine.isEmpty()) return noSegments(a.diff, all);
                SegmentDiff.write(r, mine, out);
                out.flush();
                return 0;
            }
            if (a.accept != null) {
                List<Segment> mine = Segments.ofModel(all, a.accept);
                if (mine.isEmpty()) return noSegments(a.accept, all);
                List<String> renamed = Acceptance.accept(r, mine);
                if (renamed.isEmpty()) out.println(a.accept + ": every segment is already accepted");
                renamed.forEach(t -> out.println("accepted " + t));
                return 0;
            }
            if (a.rollback != null) {
                List<Segment> mine = Segments.toRollBack(all, a.rollback);
                if (mine.isEmpty()) {
                    if (!Segments.ofModel(all, a.rollback).isEmpty()) {
                        out.println(a.rollback + ": every segment is accepted; nothing to roll back");
                        return 0;
                    }
                    return noSegments(a.rollback, all);
                }
                return report(Rollback.revert(r, mine), a.rollback);
            }
            if (a.rollbackFailed) {
                List<Segment> failed = SegmentReport.of(r, all, usage.segments()).stream()
                        .filter(x -> x.failed() && !x.segment().accepted()).map(SegmentReport::segment).toList();
                if (failed.isEmpty()) {
                    out.println("no segment failed its verify check");
                    return 0;
                }
                failed.forEach(s -> out.println("failed verify: " + s.tagName()));
                return report(Rollback.revert(r, failed), "the failed segments");
            }
            List<SegmentReport> rows = SegmentReport.of(r, all, usage.segments());
            out.print(json ? AnalysisView.json(where, prefix, rows) : AnalysisView.table(where, rows));
            return 0;
        }
    }

    /** Tokens and cost from the usage store the config names, opened only when a report needs them. */
    private static final class UsageAccess implements AutoCloseable {
        private final Path config;
        private Database db;

        UsageAccess(Path config) {
            this.config = config;
        }

        /** The recorded usage per segment; "-" in every row when the store cannot be read. */
        SegmentUsage segments() {
            try {
                if (db == null) db = StoreAccess.open(config);
                return new RecordedSegmentUsage(new UsageStore(db));
            } catch (RuntimeException unreadable) {
                return SegmentUsage.NONE;
            }
        }

        @Override
        public void close() {
            if (db != null) db.close();
        }
    }

    private String prefix() {
        if (tagPrefix != null) return tagPrefix;
        Path file = config;
        if (file == null && System.getenv("BATON_CONFIG") != null) file = Path.of(System.getenv("BATON_CONFIG"));
        if (file == null) return JournalSettings.DEFAULT_PREFIX;
        if (!Files.isRegularFile(file)) throw new ConfigException(file + ": no such config file");
        BatonConfig c = ConfigLoader.load(file, System.getenv());
        return JournalSettings.from(c.baton().sections(), Map.of(), null).tagPrefix();
    }

    private static int noSegments(String model, List<Segment> all) {
        List<String> models = all.stream().map(Segment::model).distinct().toList();
        System.err.println("no journal segments for '" + model + "'" + (models.isEmpty() ? " (the journal has no tags here)" : "; models with segments: " + models));
        return 1;
    }

    private static int report(RollbackResult result, String what) {
        PrintStream out = System.out;
        switch (result) {
            case RollbackResult.Reverted done -> {
                out.println("Reverted " + done.reverted().size() + " commit" + (done.reverted().size() == 1 ? "" : "s") + " of " + what
                        + ", newest first, each as a new commit:");
                done.reverted().forEach(c -> out.println("  " + c));
                done.skipped().forEach(s -> out.println("  skipped: " + s));
                out.println("HEAD is now " + done.head() + ". Nothing was rewritten: git log shows the reverts.");
                return 0;
            }
            case RollbackResult.Nothing nothing -> {
                out.println(what + ": " + nothing.message());
                return 0;
            }
            case RollbackResult.Refused refused -> {
                System.err.println("rollback refused: " + refused.message());
                return 1;
            }
            case RollbackResult.Conflict conflict -> {
                System.err.println("rollback stopped: reverting " + conflict.commit().substring(0, 7) + " conflicts with later changes in:");
                conflict.files().forEach(f -> System.err.println("  " + f));
                System.err.println("The repository is exactly as it was before the command (no commit, no change to any file).");
                System.err.println("To resolve the conflicts by hand: git revert " + String.join(" ", conflict.planned()));
                return 1;
            }
        }
    }
}
