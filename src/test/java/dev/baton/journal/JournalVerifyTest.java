package dev.baton.journal;

import static dev.baton.journal.Journals.T0;
import static dev.baton.journal.Journals.recorded;
import static dev.baton.journal.Journals.toModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.testing.GitRepo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `baton.journal.verify` runs when a segment closes; its verdict is a git note on the segment's tag. */
class JournalVerifyTest {
    @TempDir Path tmp;
    Journal journal;

    @AfterEach
    void close() {
        if (journal != null) journal.close();
    }

    @Test
    void aFailingCheckIsNotedOnTheSegmentItClosed() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        journal = Journals.journal(Journals.settings(repo.dir, "verify", "echo checking; test -f ok.txt || { echo 'ok.txt missing' >&2; exit 3; }"));

        String gemini = recorded(Journals.record(journal, toModel("gemini-2.5-pro", T0))).tag();
        repo.write("a.txt", "gemini broke it\n");
        String back = recorded(Journals.record(journal, toModel("claude-sonnet-4-5", T0.plusSeconds(60)))).tag();

        await().atMost(Duration.ofSeconds(30)).until(() -> repo.run("notes", "show", gemini).exit() == 0);
        String note = repo.git("notes", "show", gemini);
        assertThat(note).startsWith("Baton-Verify: fail\nBaton-Verify-Exit: 3\n").contains("checking", "ok.txt missing");
        assertThat(repo.run("notes", "show", back).exit()).isNotZero(); // still open: nothing closed it yet
        assertThat(VerifyNote.parse(note).passed()).isFalse();
    }

    @Test
    void aPassingCheckIsNotedToo() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        journal = Journals.journal(Journals.settings(repo.dir, "verify", "grep -q fine a.txt && echo all 12 tests passed"));

        String gemini = recorded(Journals.record(journal, toModel("gemini-2.5-pro", T0))).tag();
        repo.write("a.txt", "fine\n");
        recorded(Journals.record(journal, toModel("claude-sonnet-4-5", T0.plusSeconds(60))));

        await().atMost(Duration.ofSeconds(30)).until(() -> repo.run("notes", "show", gemini).exit() == 0);
        VerifyNote note = VerifyNote.parse(repo.git("notes", "show", gemini));
        assertThat(note.passed()).isTrue();
        assertThat(note.exit()).isZero();
        assertThat(note.output()).contains("all 12 tests passed");
        assertThat(note.command()).isEqualTo("grep -q fine a.txt && echo all 12 tests passed");
    }

    @Test
    void aCheckThatRunsTooLongIsStoppedAndFails() {
        GitRepo repo = GitRepo.withCommit(tmp.resolve("r"), "a.txt", "a\n");
        journal = Journals.journal(Journals.settings(repo.dir, "verify", "echo started; sleep 60", "verify_timeout", "500ms"));

        String gemini = recorded(Journals.record(journal, toModel("gemini-2.5-pro", T0))).tag();
        recorded(Journals.record(journal, toModel("claude-sonnet-4-5", T0.plusSeconds(60))));

        await().atMost(Duration.ofSeconds(30)).until(() -> repo.run("notes", "show", gemini).exit() == 0);
        VerifyNote note = VerifyNote.parse(repo.git("notes", "show", gemini));
        assertThat(note.passed()).isFalse();
        assertThat(note.exit()).isEqualTo(-1);
        assertThat(note.output()).contains("started", "verify_timeout");
    }
}
