package dev.baton.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import dev.baton.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `repo: auto`: the working directory Claude Code states, accepted only inside `allowed_roots`. */
class JournalRepoAutoTest {
    @TempDir Path tmp;

    static JsonNode body(String systemJson) {
        return Json.MAPPER.readTree("{\"model\":\"claude-sonnet-4-5\",\"system\":" + systemJson
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    static String quoted(String s) {
        return Json.MAPPER.writeValueAsString(s);
    }

    @Test
    void readsBothWaysClaudeCodeStatesItsWorkingDirectory() {
        String older = "You are Claude Code.\n<env>\nWorking directory: /home/dev/project\nIs directory a git repo: Yes\n</env>";
        String newer = "# Environment\nYou have been invoked in the following environment: \n - Primary working directory: /Users/dev/Code/app\n"
                + "  - Is a git repository: true\n - Platform: darwin";
        assertThat(ClaudeCodeEnv.workingDirectory(body(quoted(older)))).isEqualTo("/home/dev/project");
        assertThat(ClaudeCodeEnv.workingDirectory(body("[{\"type\":\"text\",\"text\":\"You are Claude Code.\"},{\"type\":\"text\",\"text\":"
                + quoted(newer) + ",\"cache_control\":{\"type\":\"ephemeral\"}}]"))).isEqualTo("/Users/dev/Code/app");
        assertThat(ClaudeCodeEnv.workingDirectory(body(quoted("Working directory: relative/path")))).isNull();
        assertThat(ClaudeCodeEnv.workingDirectory(body(quoted("no environment here")))).isNull();
    }

    @Test
    void aSessionsStatedDirectoryInsideAnAllowedRootIsItsRepository() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("code"));
        GitRepo repo = GitRepo.init(root.resolve("app"));
        Path sub = Files.createDirectories(repo.dir.resolve("src/module"));
        WorkingDirs dirs = new WorkingDirs();
        RepoLocator locator = new RepoLocator(new RepoChoice.Auto(List.of(root)), dirs);

        dirs.observe("s1", body(quoted("<env>\nWorking directory: " + sub + "\n</env>")));
        dirs.observe("s1", body(quoted("a background call without the env block")));

        assertThat(locator.locate(event("s1")).workTree()).isEqualTo(repo.dir.toRealPath());
        assertThat(locator.locate(event("s2")).whyNot()).contains("has not stated a working directory");
        // the webhook has no session of ours: the latest stated directory stands in
        assertThat(locator.locate(event(WebhookIntake.SESSION)).workTree()).isEqualTo(repo.dir.toRealPath());
    }

    @Test
    void directoriesOutsideTheAllowedRootsAreRefusedEvenThroughASymlink() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("allowed"));
        GitRepo outside = GitRepo.init(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(root.resolve("link"), outside.dir);
        WorkingDirs dirs = new WorkingDirs();
        RepoLocator locator = new RepoLocator(new RepoChoice.Auto(List.of(root)), dirs);

        dirs.observe("s1", body(quoted("Working directory: " + outside.dir)));
        assertThat(locator.locate(event("s1")).workTree()).isNull();
        dirs.observe("s1", body(quoted("Working directory: " + link)));
        assertThat(locator.locate(event("s1")).workTree()).isNull();
    }

    @Test
    void aRepositoryWhoseTopIsAboveTheAllowedRootIsRefused() throws Exception {
        GitRepo home = GitRepo.init(tmp.resolve("home")); // e.g. a dotfiles repository at $HOME
        Path root = Files.createDirectories(home.dir.resolve("code/app"));
        WorkingDirs dirs = new WorkingDirs();
        RepoLocator locator = new RepoLocator(new RepoChoice.Auto(List.of(root)), dirs);

        dirs.observe("s1", body(quoted("Working directory: " + root)));

        assertThat(locator.locate(event("s1")).workTree()).isNull();
    }

    private static SwitchEvent event(String session) {
        return new SwitchEvent(session, "claude-sonnet", "primary", "secondary", "gemini-2.5-pro", "429", Instant.now());
    }
}
