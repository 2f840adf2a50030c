package dev.baton.journal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RmCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages the working tree as it is, like `git add -A` restricted by size: modified and new files (what `.gitignore`
 * ignores stays out, as git's own status says), deletions, and no file larger than the limit.
 */
final class WorkingTreeSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(WorkingTreeSnapshot.class);

    private WorkingTreeSnapshot() {
    }

    /** @return the files left out for their size, each as `path (12.3 MB)` */
    static List<String> stage(Git git, long maxBytes) throws GitAPIException, IOException {
        Status status = git.status().call();
        Path top = git.getRepository().getWorkTree().toPath();
        Set<String> candidates = new TreeSet<>(status.getUntracked());
        candidates.addAll(status.getModified());
        List<String> leftOut = new ArrayList<>();
        AddCommand add = git.add();
        boolean adding = false;
        for (String path : candidates) {
            long size = size(top.resolve(path));
            if (size > maxBytes) {
                leftOut.add(path + " (" + mb(size) + ")");
                continue;
            }
            add.addFilepattern(path);
            adding = true;
        }
        if (adding) add.call();
        if (!status.getMissing().isEmpty()) {
            RmCommand rm = git.rm().setCached(true);
            status.getMissing().forEach(rm::addFilepattern);
            rm.call();
        }
        if (!leftOut.isEmpty()) {
            LOG.warn("journal: left out of the auto-commit in {}, larger than baton.journal.max_file_mb ({}): {}", top, mb(maxBytes), leftOut);
        }
        return leftOut;
    }

    /** The size git would store: a symbolic link is its target's name, not the target. */
    private static long size(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return 0;
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
    }

    static String mb(long bytes) {
        return new BigDecimal(bytes).divide(BigDecimal.valueOf(1 << 20), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " MB";
    }
}
