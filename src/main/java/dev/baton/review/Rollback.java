package dev.baton.review;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.RevertCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.CheckoutConflictException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * `--rollback`: `git revert` of the segments' commits, newest first, each as a new commit: history is never
 * rewritten. All or nothing: on a conflict the branch, index and work tree go back to exactly where they were.
 */
public final class Rollback {
    private Rollback() {
    }

    public static RollbackResult revert(Repository repo, List<Segment> segments) throws IOException, GitAPIException {
        if (repo.getRepositoryState() != RepositoryState.SAFE) {
            return new RollbackResult.Refused("the repository is in the middle of something (" + repo.getRepositoryState()
                    + "): finish or abort it first (git merge --abort, git rebase --abort, ...)");
        }
        ObjectId original = repo.resolve("HEAD^{commit}");
        if (original == null) return new RollbackResult.Nothing("the branch has no commits");
        try (Git git = new Git(repo)) {
            Status status = git.status().call();
            if (status.hasUncommittedChanges()) {
                Set<String> dirty = new TreeSet<>(status.getUncommittedChanges());
                return new RollbackResult.Refused("the working tree has uncommitted changes (" + shortList(dirty)
                        + "); commit or stash them first (git stash), then run the rollback again");
            }
            List<String> skipped = new ArrayList<>();
            List<RevCommit> todo = commitsToRevert(repo, segments, original, skipped);
            if (todo.isEmpty()) {
                return new RollbackResult.Nothing("nothing to revert" + (skipped.isEmpty() ? "" : ": " + String.join("; ", skipped)));
            }
            List<String> planned = todo.stream().map(c -> c.abbreviate(7).name()).toList();
            List<String> reverted = new ArrayList<>();
            for (RevCommit c : todo) {
                RevertCommand revert = git.revert().include(c);
                RevCommit done;
                try {
                    done = revert.call();
                } catch (CheckoutConflictException blocked) {
                    restore(git, original);
                    return new RollbackResult.Conflict(c.getName(), blocked.getConflictingPaths(), planned);
                } catch (GitAPIException | RuntimeException failed) {
                    restore(git, original);
                    throw failed;
                }
                if (done == null) {
                    List<String> files = conflicts(revert);
                    restore(git, original);
                    return new RollbackResult.Conflict(c.getName(), files, planned);
                }
                reverted.add(c.abbreviate(7).name() + " " + c.getShortMessage());
            }
            return new RollbackResult.Reverted(reverted, repo.resolve("HEAD").abbreviate(7).name(), skipped);
        }
    }

    /**
     * Every segment commit reachable from HEAD, newest first (topological: children before parents), leaving out
     * merge commits (their changes come with the merged commits) and commits a later revert already undid.
     */
    static List<RevCommit> commitsToRevert(Repository repo, List<Segment> segments, ObjectId head, List<String> skipped) throws IOException {
        Set<ObjectId> wanted = new LinkedHashSet<>();
        for (Segment s : segments) for (RevCommit c : SegmentStats.commits(repo, s)) wanted.add(c.getId());
        List<RevCommit> out = new ArrayList<>();
        Set<String> alreadyReverted = new TreeSet<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.sort(RevSort.TOPO);
            walk.markStart(walk.parseCommit(head));
            for (RevCommit c : walk) {
                String msg = c.getFullMessage();
                int at = msg.indexOf("This reverts commit ");
                if (at >= 0 && msg.length() >= at + 60) alreadyReverted.add(msg.substring(at + 20, at + 60));
                if (!wanted.remove(c.getId())) continue;
                if (alreadyReverted.contains(c.getName())) {
                    skipped.add(c.abbreviate(7).name() + " was already reverted");
                } else if (c.getParentCount() > 1) {
                    skipped.add(c.abbreviate(7).name() + " is a merge commit (its merged commits are reverted instead)");
                } else if (c.getParentCount() == 1 && c.getTree().equals(walk.parseCommit(c.getParent(0)).getTree())) {
                    // an empty auto-commit (nothing had changed at the switch): nothing to undo
                } else if (c.getParentCount() == 0) {
                    skipped.add(c.abbreviate(7).name() + " is the first commit of the repository");
                } else {
                    out.add(c);
                }
                if (wanted.isEmpty()) break;
            }
        }
        if (!wanted.isEmpty()) skipped.add(wanted.size() + " commits are not on the current branch");
        return out;
    }

    private static List<String> conflicts(RevertCommand revert) {
        Set<String> files = new TreeSet<>();
        if (revert.getUnmergedPaths() != null) files.addAll(revert.getUnmergedPaths());
        if (revert.getFailingResult() != null && revert.getFailingResult().getFailingPaths() != null) {
            files.addAll(revert.getFailingResult().getFailingPaths().keySet());
        }
        return List.copyOf(files);
    }

    /** Back to the commit, index and work tree of before; no revert state left behind. */
    private static void restore(Git git, ObjectId original) throws GitAPIException, IOException {
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(original.getName()).call();
        git.getRepository().writeRevertHead(null);
        git.getRepository().writeMergeCommitMsg(null);
    }

    private static String shortList(Set<String> files) {
        List<String> l = new ArrayList<>(files);
        return l.size() <= 5 ? String.join(", ", l) : String.join(", ", l.subList(0, 5)) + " and " + (l.size() - 5) + " more";
    }
}
