package dev.baton.journal;

import static dev.baton.journal.Journals.T0;
import static dev.baton.journal.Journals.recorded;
import static dev.baton.journal.Journals.toModel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One switch, one commit and one annotated tag, read back with the git CLI. */
class JournalRecorderTest {
    @TempDir Path tmp;
    Journal journal;

    @AfterEach
    void close() {
        if (journal != null) journal.close();
    }

    private JournalResult record(GitRepo repo, String model, java.time.Instant at, Object... settings) {
        if (journal == null) journal = Journals.journal(Journals.settings(repo.dir, settings));
        return Journals.record(journal, toModel(model, at));
    }

    @Test
    void commitsModifiedAndNewFilesWithTrailersAndTagsTheCommit() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "app.txt", "v1\n");
        repo.write("app.txt", "v2\n", "src/new.txt", "new\n");

        JournalResult.Recorded r = recorded(record(repo, "gemini-2.5-pro", T0));

        assertThat(r.tag()).isEqualTo("model-gemini-2.5-pro-20260105-100000");
        assertThat(repo.tags("model-*")).containsExactly("model-gemini-2.5-pro-20260105-100000");
        assertThat(repo.git("cat-file", "-t", r.tag()).strip()).isEqualTo("tag");
        assertThat(repo.git("rev-parse", r.tag() + "^{commit}").strip()).isEqualTo(repo.head()).isEqualTo(r.commit());
        assertThat(repo.git("log", "-1", "--format=%s").strip()).isEqualTo("Auto-commit before switch to gemini-2.5-pro");
        assertThat(repo.git("log", "-1", "--format=%(trailers)")).contains(
                "Baton-From: primary", "Baton-To: secondary", "Baton-Reason: 429 rate limited (retry-after 30s)", "Baton-Session: session-1");
        assertThat(repo.lines("show", "--name-only", "--format=", "HEAD")).containsExactlyInAnyOrder("app.txt", "src/new.txt");
        assertThat(repo.status()).isEmpty();
        assertThat(repo.read("app.txt")).isEqualTo("v2\n");
    }

    @Test
    void deletionsAreCommittedToo() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n", "b.txt", "b\n");
        repo.dir.resolve("b.txt").toFile().delete();

        recorded(record(repo, "gemini-2.5-pro", T0));

        assertThat(repo.lines("ls-files")).containsExactly("a.txt");
        assertThat(repo.status()).isEmpty();
    }

    @Test
    void gitignoredFilesStayOut() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), ".gitignore", "build/\n*.log\n");
        repo.write("build/out.bin", "binary", "debug.log", "noise", "kept.txt", "kept\n");

        recorded(record(repo, "gemini-2.5-pro", T0));

        assertThat(repo.lines("ls-files")).containsExactlyInAnyOrder(".gitignore", "kept.txt");
        assertThat(repo.exists("build/out.bin")).isTrue();
        assertThat(repo.exists("debug.log")).isTrue();
    }

    @Test
    void filesOverTheSizeLimitAreLeftOutAndNamed() throws Exception {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        Files.write(repo.dir.resolve("big.bin"), new byte[300 * 1024]);
        repo.write("small.txt", "small\n");

        JournalResult.Recorded r = recorded(record(repo, "gemini-2.5-pro", T0, "max_file_mb", 0.25));

        assertThat(r.leftOut()).singleElement().asString().isEqualTo("big.bin (0.29 MB)");
        assertThat(repo.lines("ls-files")).containsExactlyInAnyOrder("a.txt", "small.txt");
        assertThat(repo.status()).isEqualTo("?? big.bin\n");
    }

    @Test
    void nothingChangedGivesAnEmptyCommitThatKeepsTheMoment() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        String before = repo.head();

        JournalResult.Recorded r = recorded(record(repo, "gemini-2.5-pro", T0));

        assertThat(r.commit()).isNotEqualTo(before);
        assertThat(repo.git("rev-parse", "HEAD^").strip()).isEqualTo(before);
        assertThat(repo.lines("show", "--name-only", "--format=", "HEAD")).isEmpty();
        assertThat(repo.tags("model-*")).hasSize(1);
    }

    @Test
    void twoSwitchesInOneSecondGetDistinctTags() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");

        recorded(record(repo, "gemini-2.5-pro", T0));
        recorded(record(repo, "gemini-2.5-pro", T0.plusMillis(500)));
        recorded(record(repo, "gemini-2.5-pro", T0.plusMillis(600)));

        assertThat(repo.tags("model-*")).containsExactly("model-gemini-2.5-pro-20260105-100000",
                "model-gemini-2.5-pro-20260105-100000-2", "model-gemini-2.5-pro-20260105-100000-3");
    }

    @Test
    void modelNamesAreMadeSafeForRefNames() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");

        JournalResult.Recorded r = recorded(record(repo, "anthropic/claude-sonnet-4-5[1m]", T0));

        assertThat(r.tag()).isEqualTo("model-anthropic-claude-sonnet-4-5-1m-20260105-100000");
        assertThat(repo.run("check-ref-format", "refs/tags/" + r.tag()).exit()).isZero();
        assertThat(repo.git("log", "-1", "--format=%s").strip()).isEqualTo("Auto-commit before switch to anthropic/claude-sonnet-4-5[1m]");
    }

    @Test
    void anUnbornBranchGetsItsFirstCommit() {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        repo.write("a.txt", "a\n");

        recorded(record(repo, "gemini-2.5-pro", T0));

        assertThat(repo.lines("log", "--format=%s")).containsExactly("Auto-commit before switch to gemini-2.5-pro");
        assertThat(repo.git("rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
        assertThat(repo.tags("model-*")).hasSize(1);
    }

    @Test
    void aDetachedHeadMovesAndTheBranchStaysPut() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        String main = repo.head();
        repo.git("checkout", "-q", "--detach");
        repo.write("a.txt", "changed\n");

        JournalResult.Recorded r = recorded(record(repo, "gemini-2.5-pro", T0));

        assertThat(repo.head()).isEqualTo(r.commit()).isNotEqualTo(main);
        assertThat(repo.git("rev-parse", "main").strip()).isEqualTo(main);
        assertThat(repo.git("rev-parse", "HEAD^").strip()).isEqualTo(main);
        assertThat(repo.run("symbolic-ref", "-q", "HEAD").exit()).isNotZero(); // still detached
    }

    @Test
    void aLinkedWorktreeIsJournaledOnItsOwnBranch() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        repo.git("worktree", "add", "-q", "-b", "feature", tmp.resolve("wt").toString());
        GitRepo wt = GitRepo.open(tmp.resolve("wt"));
        wt.write("a.txt", "in the worktree\n");
        String main = repo.head();

        JournalResult.Recorded r = recorded(record(wt, "gemini-2.5-pro", T0));

        assertThat(wt.head()).isEqualTo(r.commit());
        assertThat(wt.git("rev-parse", "feature").strip()).isEqualTo(r.commit());
        assertThat(repo.git("rev-parse", "main").strip()).isEqualTo(main);
        assertThat(repo.tags("model-*")).containsExactly(r.tag()); // tags are shared by all worktrees
        assertThat(wt.status()).isEmpty();
        assertThat(repo.status()).isEmpty();
    }

    @Test
    void aMergeInProgressIsLeftAloneWithAReason() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "base\n");
        repo.git("checkout", "-q", "-b", "other");
        repo.write("a.txt", "other\n");
        repo.commitAll("other side");
        repo.git("checkout", "-q", "main");
        repo.write("a.txt", "main\n");
        repo.commitAll("main side");
        assertThat(repo.run("merge", "other").exit()).isNotZero(); // conflict: MERGE_HEAD, markers in a.txt
        String head = repo.head();
        String conflicted = repo.read("a.txt");
        String status = repo.status();

        JournalResult r = record(repo, "gemini-2.5-pro", T0);

        assertThat(r).isInstanceOfSatisfying(JournalResult.Skipped.class, s -> assertThat(s.reason()).contains("merge is in progress"));
        assertThat(repo.head()).isEqualTo(head);
        assertThat(repo.read("a.txt")).isEqualTo(conflicted);
        assertThat(repo.status()).isEqualTo(status);
        assertThat(repo.tags("model-*")).isEmpty();
        assertThat(repo.exists(".git/MERGE_HEAD")).isTrue();
    }

    @Test
    void withAutoCommitOffOnlyHeadIsTagged() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        String head = repo.head();
        repo.write("a.txt", "uncommitted\n");

        JournalResult.Recorded r = recorded(record(repo, "gemini-2.5-pro", T0, "auto_commit", false));

        assertThat(r.committed()).isFalse();
        assertThat(repo.head()).isEqualTo(head);
        assertThat(repo.git("rev-parse", r.tag() + "^{commit}").strip()).isEqualTo(head);
        assertThat(repo.status()).isEqualTo(" M a.txt\n");
        assertThat(repo.git("tag", "-l", "--format=%(contents)", r.tag())).contains("Baton-To: secondary", "auto_commit off");
    }

    @Test
    void withAutoCommitOffAnUnbornBranchHasNothingToTag() {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        repo.write("a.txt", "a\n");

        JournalResult r = record(repo, "gemini-2.5-pro", T0, "auto_commit", false);

        assertThat(r).isInstanceOf(JournalResult.Skipped.class);
        assertThat(repo.status()).isEqualTo("?? a.txt\n");
    }

    @Test
    void aDirectoryThatIsNoRepositoryIsSkipped() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        journal = Journals.journal(Journals.settings(plain));

        JournalResult r = Journals.record(journal, toModel("gemini-2.5-pro", T0));

        assertThat(r).isInstanceOfSatisfying(JournalResult.Skipped.class, s -> assertThat(s.reason()).contains("not inside a git work tree"));
        assertThat(List.of(plain.toFile().list())).isEmpty();
    }
}
