package dev.baton.journal;

import dev.baton.routing.SwitchEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.ConcurrentRefUpdateException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.RefAlreadyExistsException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one switch into one repository: commit the working tree (or, with auto-commit off, take HEAD as it is),
 * then an annotated tag on that commit. Never breaks another git's lock, never commits in the middle of a merge,
 * rebase, cherry-pick, revert or bisect.
 */
final class SwitchRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchRecorder.class);
    private static final PersonIdent BATON = new PersonIdent("Baton", "baton@localhost");

    private final JournalSettings settings;

    SwitchRecorder(JournalSettings settings) {
        this.settings = settings;
    }

    /** @param previous receives the newest journal tag before this one (the segment this switch closes), if any */
    JournalResult record(Path workTree, SwitchEvent e, Consumer<JournalTag> previous) {
        try (Git git = Git.open(workTree.toFile())) {
            Repository repo = git.getRepository();
            RepositoryState state = repo.getRepositoryState();
            if (state != RepositoryState.SAFE) {
                return skipped(workTree, inProgress(state) + "; Baton does not commit in the middle of it (finish or abort it)");
            }
            long deadline = IndexLock.deadline(settings.lockWait());
            while (true) {
                if (!IndexLock.awaitFree(repo, deadline)) {
                    return skipped(workTree, IndexLock.of(repo) + " was held by another git for longer than "
                            + settings.lockWait().toSeconds() + " s (baton.journal.index_lock_wait)");
                }
                try {
                    return write(git, workTree, e, previous);
                } catch (LockFailedException | ConcurrentRefUpdateException lost) {
                    LOG.debug("journal: lost a lock race in {}, retrying: {}", workTree, lost.getMessage());
                } catch (JGitInternalException internal) {
                    if (!(internal.getCause() instanceof LockFailedException)) throw internal;
                    LOG.debug("journal: lost a lock race in {}, retrying", workTree);
                }
                if (System.nanoTime() - deadline >= 0) return skipped(workTree, "could not take git's locks in " + settings.lockWait().toSeconds() + " s");
                Thread.sleep(50);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return new JournalResult.Skipped("interrupted while Baton was shutting down");
        } catch (RepositoryNotFoundException notRepo) {
            return skipped(workTree, "not a git repository");
        } catch (IOException | GitAPIException | RuntimeException failed) {
            LOG.warn("journal: could not record the switch to {} in {}: {}", Trailers.model(e), workTree, failed.toString());
            return new JournalResult.Skipped(failed.getClass().getSimpleName() + ": " + failed.getMessage());
        }
    }

    private JournalResult write(Git git, Path workTree, SwitchEvent e, Consumer<JournalTag> previous)
            throws IOException, GitAPIException {
        Repository repo = git.getRepository();
        PersonIdent who = identity(repo);
        List<String> leftOut = List.of();
        ObjectId target;
        if (settings.autoCommit()) {
            leftOut = WorkingTreeSnapshot.stage(git, settings.maxFileBytes());
            RevCommit c = git.commit().setMessage(Trailers.commitMessage(e)).setAllowEmpty(true)
                    .setNoVerify(true).setSign(false).setAuthor(who).setCommitter(who).call();
            target = c.getId();
        } else {
            target = repo.resolve("HEAD^{commit}");
            if (target == null) return skipped(workTree, "auto_commit is off and the branch has no commit yet to tag");
        }
        Optional<JournalTag> before = JournalTags.latest(repo, settings.tagPrefix());
        String tag = tag(git, e, target, who, settings.autoCommit() ? null : "auto_commit off: HEAD tagged");
        before.ifPresent(previous);
        LOG.info("journal: {} {} in {}{}", settings.autoCommit() ? "committed and tagged" : "tagged", tag, workTree,
                leftOut.isEmpty() ? "" : " (" + leftOut.size() + " large files left out)");
        return new JournalResult.Recorded(workTree, tag, target.getName(), settings.autoCommit(), leftOut);
    }

    /** An annotated tag with the first free name: two switches in one second get `-2`, `-3`... */
    private String tag(Git git, SwitchEvent e, ObjectId target, PersonIdent who, String note) throws IOException, GitAPIException {
        Repository repo = git.getRepository();
        TagName name = TagName.of(settings.tagPrefix(), Trailers.model(e), e.time(), 1);
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(target);
            for (int seq = 1; ; seq++) {
                TagName candidate = name.withSeq(seq);
                if (JournalTags.taken(repo, candidate)) continue;
                try {
                    git.tag().setName(candidate.name()).setObjectId(commit).setAnnotated(true).setSigned(false)
                            .setTagger(who).setMessage(Trailers.tagMessage(e, note)).call();
                    return candidate.name();
                } catch (RefAlreadyExistsException raced) {
                    // another writer took this name between the check and the tag: try the next
                }
            }
        }
    }

    /** The repository's own user when it has one configured, else "Baton". */
    private static PersonIdent identity(Repository repo) {
        UserConfig user = repo.getConfig().get(UserConfig.KEY);
        if (user.isCommitterNameImplicit() || user.isCommitterEmailImplicit()) return new PersonIdent(BATON, Instant.now());
        return new PersonIdent(repo);
    }

    private static String inProgress(RepositoryState state) {
        return switch (state) {
            case MERGING, MERGING_RESOLVED -> "a merge is in progress";
            case CHERRY_PICKING, CHERRY_PICKING_RESOLVED -> "a cherry-pick is in progress";
            case REVERTING, REVERTING_RESOLVED -> "a revert is in progress";
            case REBASING, REBASING_REBASING, REBASING_MERGE, REBASING_INTERACTIVE -> "a rebase is in progress";
            case APPLY -> "a patch application (git am) is in progress";
            case BISECTING -> "a bisect is in progress";
            case BARE -> "the repository is bare";
            default -> "the repository is busy (" + state + ")";
        };
    }

    private static JournalResult skipped(Path workTree, String why) {
        LOG.warn("journal: switch not recorded in {}: {}", workTree, why);
        return new JournalResult.Skipped(why);
    }
}
