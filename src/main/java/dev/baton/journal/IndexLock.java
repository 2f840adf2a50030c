package dev.baton.journal;

import java.io.File;
import java.time.Duration;
import org.eclipse.jgit.lib.Repository;

/**
 * Another git (Claude Code runs git too) holds `index.lock` while it works: wait it out, bounded, instead of failing
 * or, worse, breaking the lock.
 */
final class IndexLock {
    private static final long POLL_MILLIS = 50;

    private IndexLock() {
    }

    static File of(Repository repo) {
        return new File(repo.getIndexFile().getPath() + ".lock");
    }

    /** True once no lock file is there; false when it is still there at {@code deadlineNanos}. */
    static boolean awaitFree(Repository repo, long deadlineNanos) throws InterruptedException {
        File lock = of(repo);
        while (lock.exists()) {
            if (System.nanoTime() - deadlineNanos >= 0) return false;
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }
}
