package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `config check` and `serve` reject an unusable `baton.journal` / `baton.notifications` with the key's name. */
class JournalConfigCheckTest {
    private static final String MODELS = """
            model_list:
              - model_name: claude-sonnet
                litellm_params:
                  model: mock/claude-sonnet-4-5
            """;

    @TempDir Path dir;
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
    private final ByteArrayOutputStream out = console.out;
    private final ByteArrayOutputStream err = console.err;

    private Path config(String baton) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), MODELS + "baton:\n" + baton);
    }

    @Test
    void aGoodJournalSectionPasses() throws IOException {
        Path file = config("  journal:\n    repo: auto\n    allowed_roots: [\"" + dir + "\"]\n    verify: \"make test\"\n"
                + "  notifications:\n    webhook: http://127.0.0.1:9/hook\n");
        assertThat(Main.run("config", "check", "--config", file.toString())).as(err.toString()).isZero();
    }

    @Test
    void configCheckNamesTheBadKey() throws IOException {
        Path file = config("  journal:\n    repo: auto\n");
        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("config error: baton.journal.allowed_roots");
    }

    @Test
    void aWebhookUrlIsNeverEchoed() throws IOException {
        Path file = config("  notifications:\n    discord: discord.com/api/webhooks/1/secret-token\n");
        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("baton.notifications.discord").doesNotContain("secret-token");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a serve that did start would block in join()
    void serveRefusesToStartWithABadJournal() throws IOException {
        Path file = config("  journal:\n    max_file_mb: -1\n");
        assertThat(Main.run("serve", "--config", file.toString(), "--port", "0")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("config error: baton.journal.max_file_mb");
    }
}
