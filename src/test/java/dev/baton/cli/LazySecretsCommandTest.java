package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.testing.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config whose master key comes from a variable that is not exported: the commands that do not need the key work,
 * and `serve`, which does, stops before it listens, naming the file, the line and the variable.
 */
class LazySecretsCommandTest {
    private static final String VARIABLE = "BATON_TEST_MASTER_KEY_NOT_EXPORTED";

    @TempDir Path dir;
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
    private Path config;

    @BeforeEach
    void config() throws IOException {
        assumeTrue(System.getenv(VARIABLE) == null, VARIABLE + " is exported");
        config = Files.writeString(dir.resolve("config.yaml"), """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: mock/claude-sonnet-4-5
                general_settings:
                  master_key: os.environ/%s
                baton:
                  data_dir: "%s"
                """.formatted(VARIABLE, dir.resolve("data")));
    }

    private String out() {
        return console.out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return console.err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void configCheckPassesAndSaysServeWillNeedTheKey() {
        assertThat(Main.run("config", "check", "--config", config.toString())).as(err()).isZero();
        assertThat(out()).contains("Master key: from " + VARIABLE + ", which is not set")
                .contains(config + ":6: general_settings.master_key: environment variable " + VARIABLE + " is not set")
                .contains("config OK");
    }

    @Test
    void spendWorksWithoutTheMasterKey() {
        assertThat(Main.run("spend", "--config", config.toString())).as(err()).isZero();
        assertThat(out()).contains("total");
    }

    @Test
    void keysListWorksWithoutTheMasterKey() {
        assertThat(Main.run("keys", "list", "--config", config.toString())).as(err()).isZero();
    }

    @Test
    void reviewWorksWithoutTheMasterKey() {
        GitRepo repo = GitRepo.withCommit(dir.resolve("repo"), "app.txt", "v1\n");
        assertThat(Main.run("review", "--repo", repo.dir.toString(), "--config", config.toString())).as(err()).isZero();
        assertThat(err()).doesNotContain(VARIABLE);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a serve that did start would block in join()
    void serveStopsBeforeListeningNamingFileLineAndVariable() {
        assertThat(Main.run("serve", "--port", "0", "--config", config.toString())).isEqualTo(1);
        assertThat(err()).contains("config error: " + config + ":6: general_settings.master_key: environment variable "
                + VARIABLE + " is not set");
        assertThat(out()).doesNotContain("Baton listening");
    }
}
