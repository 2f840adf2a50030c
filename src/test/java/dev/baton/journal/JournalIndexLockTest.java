package dev.baton.journal;

import static dev.baton.journal.Journals.T0;
import static dev.baton.journal.Journals.recorded;
import static dev.baton.journal.Journals.toModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude Code runs git too: the journal waits out another git's index.lock, and gives up cleanly when it stays. */
class JournalIndexLockTest {
    @TempDir Path tmp;
    Journal journal;

    @AfterEach
    void close() {
        if (journal != null) journal.close();
    }

    @Test
    void waitsForAConcurrentGitCommitToReleaseTheLockThenCommitsOnTopOfIt() throws Exception {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n", "b.txt", "b\n");
        repo.write("a.txt", "edited by the user\n");
        // `git commit -a` holds index.lock while its editor runs; this editor takes its time, then writes the message
        Process concurrent = repo.start(Map.of("GIT_EDITOR", "f() { sleep 2; echo 'concurrent commit' > \"$1\"; }; f"),
                "commit", "-a", "-q");
        Path lock = repo.dir.resolve(".git/index.lock");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(lock));
        repo.write("b.txt", "edited by the model\n");

        journal = Journals.journal(Journals.settings(repo.dir, "index_lock_wait", "60s"));
        CompletableFuture<JournalResult> pending = journal.record(toModel("gemini-2.5-pro", T0));

        await().atMost(Duration.ofSeconds(60)).until(pending::isDone);
        assertThat(concurrent.waitFor()).isZero();
        recorded(pending.join());
        assertThat(repo.lines("log", "--format=%s")).containsExactly(
                "Auto-commit before switch to gemini-2.5-pro", "concurrent commit", "initial");
        assertThat(repo.lines("show", "--name-only", "--format=", "HEAD~1")).containsExactly("a.txt");
        assertThat(repo.lines("show", "--name-only", "--format=", "HEAD")).containsExactly("b.txt");
        assertThat(repo.status()).isEmpty();
        assertThat(repo.run("fsck", "--no-progress").exit()).isZero();
    }

    @Test
    void aLockThatIsNeverReleasedSkipsTheSwitchAndTouchesNothing() throws Exception {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        repo.write("a.txt", "uncommitted\n");
        String head = repo.head();
        Path lock = Files.writeString(repo.dir.resolve(".git/index.lock"), "held by a git that crashed");
        byte[] index = Files.readAllBytes(repo.dir.resolve(".git/index"));

        journal = Journals.journal(Journals.settings(repo.dir, "index_lock_wait", "300ms"));
        JournalResult r = Journals.record(journal, toModel("gemini-2.5-pro", T0));

        assertThat(r).isInstanceOfSatisfying(JournalResult.Skipped.class, s -> assertThat(s.reason()).contains("index.lock"));
        assertThat(lock).exists().hasContent("held by a git that crashed"); // never broken by Baton
        assertThat(Files.readAllBytes(repo.dir.resolve(".git/index"))).isEqualTo(index);
        assertThat(repo.head()).isEqualTo(head);
        assertThat(repo.tags("*")).isEmpty();
        Files.delete(lock);
        assertThat(repo.status()).isEqualTo(" M a.txt\n");
        assertThat(repo.read("a.txt")).isEqualTo("uncommitted\n");
        assertThat(repo.run("fsck", "--no-progress").exit()).isZero();
    }
}
