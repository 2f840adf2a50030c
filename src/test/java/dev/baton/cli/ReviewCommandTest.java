package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonSettings;
import dev.baton.dialect.Json;
import dev.baton.journal.Journal;
import dev.baton.journal.JournalResult;
import dev.baton.routing.SwitchEvent;
import dev.baton.testing.GitRepo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * `baton review` on a repository the journal wrote: Claude edits, Gemini takes over (tag), commits and edits,
 * Claude comes back (tag). Gemini's segment: its own commit plus the auto-commit of its last edits.
 */
class ReviewCommandTest {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final String GEMINI_TAG = "model-gemini-2.5-pro-20260105-100000";
    static final String CLAUDE_TAG = "model-claude-sonnet-4-5-20260105-101000";

    @TempDir Path tmp;
    GitRepo repo;
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
    private final ByteArrayOutputStream out = console.out;
    private final ByteArrayOutputStream err = console.err;

    @BeforeEach
    void history() {
        repo = GitRepo.withCommit(tmp.resolve("repo"), "app.txt", "v1\n");
        BatonSettings d = BatonSettings.defaults();
        BatonSettings s = new BatonSettings(d.connectTimeout(), d.firstByteTimeout(), d.idleTimeout(), d.requestTimeout(),
                d.pingInterval(), d.maxWait(), d.maxBodyMb(), Map.of("journal", Map.of("repo", repo.dir.toString())));
        try (Journal journal = Journal.start(s, Map.of(), null)) {
            repo.write("app.txt", "v2 claude\n");
            assertThat(journal.record(event("primary", "secondary", "gemini-2.5-pro", T0)).join()).isInstanceOf(JournalResult.Recorded.class);
            repo.write("app.txt", "v3 gemini\n", "gemini.txt", "new\n");
            repo.commitAll("gemini: feature");
            repo.write("notes.md", "gemini notes\n");
            assertThat(journal.record(event("secondary", "primary", "claude-sonnet-4-5", T0.plusSeconds(600))).join())
                    .isInstanceOf(JournalResult.Recorded.class);
        }
        assertThat(repo.tags("model-*")).containsExactly(CLAUDE_TAG, GEMINI_TAG);
    }

    private static SwitchEvent event(String from, String to, String model, Instant at) {
        return new SwitchEvent("session-1", "claude-sonnet", from, to, model, "429 rate limited", at);
    }

    private int review(String... args) {
        out.reset();
        err.reset();
        boolean ownConfig = java.util.Arrays.asList(args).contains("--config");
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("review", "--repo", repo.dir.toString()));
        if (!ownConfig) all.addAll(java.util.List.of("--config", emptyStoreConfig().toString())); // never the user's ~/.baton
        all.addAll(java.util.List.of(args));
        return Main.run(all.toArray(String[]::new));
    }

    /** A config whose usage store is a fresh file in the test's temp dir: no recorded usage. */
    private Path emptyStoreConfig() {
        try {
            Path dataDir = java.nio.file.Files.createDirectories(tmp.resolve("baton-data"));
            return java.nio.file.Files.writeString(tmp.resolve("review.yaml"),
                    "model_list:\n  - model_name: m\n    litellm_params:\n      model: mock/m\nbaton:\n  data_dir: \"" + dataDir + "\"\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void analyzeShowsEachModelsSegments() {
        assertThat(review("--analyze")).isZero();

        String[] lines = out().split("\n");
        assertThat(lines[0]).isEqualTo("Journal of " + repo.dir);
        assertThat(lines[1]).startsWith("MODEL").contains("SEGMENT", "COMMITS", "FILES", "+LINES", "-LINES", "ACCEPTED", "VERIFY", "TOKENS", "COST");
        assertThat(lines[2].split("\\s+")).containsExactly("gemini-2.5-pro", GEMINI_TAG, "2026-01-05", "10:00:00", "2026-01-05", "10:10:00",
                "2", "3", "+3", "-1", "no", "-", "-", "-");
        assertThat(lines[3].split("\\s+")).containsExactly("claude-sonnet-4-5", CLAUDE_TAG, "2026-01-05", "10:10:00", "(open)",
                "0", "0", "+0", "-0", "no", "-", "-", "-");
        assertThat(review()).isZero(); // analyze is the default
        assertThat(out()).contains(GEMINI_TAG);
    }

    @Test
    void analyzeAsJson() {
        assertThat(review("-a", "--json")).isZero();

        JsonNode root = Json.MAPPER.readTree(out());
        assertThat(root.path("repo").asString()).isEqualTo(repo.dir.toString());
        JsonNode gemini = root.path("models").path(0);
        assertThat(gemini.path("model").asString()).isEqualTo("gemini-2.5-pro");
        JsonNode seg = gemini.path("segments").path(0);
        assertThat(seg.path("tag").asString()).isEqualTo(GEMINI_TAG);
        assertThat(seg.path("from").asString()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(seg.path("to").asString()).isEqualTo("2026-01-05T10:10:00Z");
        assertThat(seg.path("commits").asInt()).isEqualTo(2);
        assertThat(seg.path("files").asInt()).isEqualTo(3);
        assertThat(seg.path("lines_added").asInt()).isEqualTo(3);
        assertThat(seg.path("lines_removed").asInt()).isEqualTo(1);
        assertThat(seg.path("accepted").asBoolean()).isFalse();
        assertThat(seg.path("session").asString()).isEqualTo("session-1");
        assertThat(seg.path("verify").isNull()).isTrue();
        assertThat(seg.path("tokens").isNull()).isTrue();
        assertThat(seg.path("cost_usd").isNull()).isTrue();
        JsonNode claude = root.path("models").path(1).path("segments").path(0);
        assertThat(claude.path("open").asBoolean()).isTrue();
        assertThat(claude.path("to").isNull()).isTrue();
    }

    @Test
    void diffShowsWhatTheModelChanged() {
        assertThat(review("--diff", "gemini-2.5-pro")).isZero();

        assertThat(out()).startsWith("# " + GEMINI_TAG + ": ")
                .contains("diff --git a/app.txt b/app.txt", "-v2 claude", "+v3 gemini", "+++ b/gemini.txt", "+++ b/notes.md");
    }

    @Test
    void acceptRenamesTheTagsAndKeepsTheirNotes() {
        repo.git("notes", "add", "-m", "Baton-Verify: pass\nBaton-Verify-Exit: 0\nBaton-Verify-Command: make test\nBaton-Verify-Time: 2026-01-05T10:11:00Z\n\nok", GEMINI_TAG);

        assertThat(review("--accept", "gemini-2.5-pro")).isZero();

        assertThat(out()).isEqualTo("accepted accepted-gemini-2.5-pro-20260105-100000\n");
        assertThat(repo.tags("model-*")).containsExactly(CLAUDE_TAG);
        assertThat(repo.tags("accepted-*")).containsExactly("accepted-gemini-2.5-pro-20260105-100000");
        assertThat(repo.git("notes", "show", "accepted-gemini-2.5-pro-20260105-100000")).startsWith("Baton-Verify: pass");
        assertThat(repo.git("tag", "-l", "--format=%(contents)", "accepted-gemini-2.5-pro-20260105-100000")).contains("Baton-From: primary");
        review("--analyze");
        assertThat(out()).containsPattern("gemini-2.5-pro .* yes +pass");
        assertThat(review("--rollback", "gemini-2.5-pro")).isZero();
        assertThat(out()).contains("every segment is accepted");
    }

    @Test
    void rollbackRevertsTheModelsCommitsNewestFirstAsNewCommits() {
        String before = repo.head();

        assertThat(review("--rollback", "gemini-2.5-pro")).isZero();

        assertThat(out()).contains("Reverted 2 commits of gemini-2.5-pro", "Auto-commit before switch to claude-sonnet-4-5", "gemini: feature");
        assertThat(repo.read("app.txt")).isEqualTo("v2 claude\n");
        assertThat(repo.exists("gemini.txt")).isFalse();
        assertThat(repo.exists("notes.md")).isFalse();
        assertThat(repo.status()).isEmpty();
        assertThat(repo.lines("log", "--format=%s", "-3")).containsExactly(
                "Revert \"gemini: feature\"", "Revert \"Auto-commit before switch to claude-sonnet-4-5\"", "Auto-commit before switch to claude-sonnet-4-5");
        assertThat(repo.git("rev-parse", "HEAD~2").strip()).isEqualTo(before); // history kept, nothing rewritten

        assertThat(review("--rollback", "gemini-2.5-pro")).isZero();
        assertThat(out()).contains("nothing to revert", "already reverted");
    }

    @Test
    void rollbackRefusesADirtyWorkingTree() {
        repo.write("app.txt", "unsaved work\n");
        String head = repo.head();

        assertThat(review("--rollback", "gemini-2.5-pro")).isEqualTo(1);

        assertThat(err()).contains("rollback refused", "uncommitted changes (app.txt)", "commit or stash them first");
        assertThat(repo.head()).isEqualTo(head);
        assertThat(repo.read("app.txt")).isEqualTo("unsaved work\n");
    }

    @Test
    void aConflictLeavesTheRepositoryExactlyAsItWasAndNamesTheFiles() {
        repo.write("app.txt", "v4 user\n");
        repo.commitAll("user edits app.txt after gemini");
        String head = repo.head();
        String branches = repo.git("for-each-ref");
        String index = repo.git("ls-files", "--stage");

        assertThat(review("--rollback", "gemini-2.5-pro")).isEqualTo(1);

        assertThat(err()).contains("conflicts with later changes in:", "  app.txt", "exactly as it was");
        assertThat(repo.head()).isEqualTo(head);
        assertThat(repo.git("for-each-ref")).isEqualTo(branches);
        assertThat(repo.status()).isEmpty();
        assertThat(repo.read("app.txt")).isEqualTo("v4 user\n");
        assertThat(repo.read("notes.md")).isEqualTo("gemini notes\n"); // the first revert, which went through, is undone too
        assertThat(repo.exists(".git/REVERT_HEAD")).isFalse();
        assertThat(repo.exists(".git/MERGE_MSG")).isFalse();
        assertThat(repo.git("diff", "--cached", "--name-only")).isEmpty();
        assertThat(repo.git("ls-files", "--stage")).isEqualTo(index);
    }

    @Test
    void rollbackFailedRevertsOnlyTheSegmentsWhoseCheckFailed() {
        repo.git("notes", "add", "-m", "Baton-Verify: fail\nBaton-Verify-Exit: 1\nBaton-Verify-Command: make test\nBaton-Verify-Time: 2026-01-05T10:11:00Z\n\n3 tests failed", GEMINI_TAG);

        assertThat(review("--analyze")).isZero();
        assertThat(out()).containsPattern("gemini-2.5-pro .* no +FAIL").contains("verify failed for " + GEMINI_TAG + " (exit 1): git notes show " + GEMINI_TAG);

        assertThat(review("--rollback-failed")).isZero();
        assertThat(out()).contains("failed verify: " + GEMINI_TAG, "Reverted 2 commits");
        assertThat(repo.read("app.txt")).isEqualTo("v2 claude\n");
    }

    @Test
    void anUnknownModelNamesTheOnesThereAre() {
        assertThat(review("--rollback", "gpt-5")).isEqualTo(1);
        assertThat(err()).contains("no journal segments for 'gpt-5'", "[gemini-2.5-pro, claude-sonnet-4-5]");
    }

    @Test
    void outsideARepositoryItSaysSo() throws Exception {
        Path plain = java.nio.file.Files.createDirectories(tmp.resolve("plain"));
        out.reset();
        err.reset();
        assertThat(Main.run("review", "--repo", plain.toString())).isEqualTo(1);
        assertThat(err()).contains("not a git repository");
    }

    @Test
    void onlyOneActionAtATime() {
        assertThat(review("--accept", "a", "--rollback", "b")).isEqualTo(2);
        assertThat(err()).contains("mutually exclusive");
    }
}
