package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `config check` prints `baton.routes`, and both it and `serve` refuse a rule naming a group model_list lacks. */
class RoutesConfigCheckTest {
    private static final String MODELS = """
            model_list:
              - model_name: claude-sonnet
                litellm_params:
                  model: mock/claude-sonnet-4-5
              - model_name: cheap
                litellm_params:
                  model: mock/claude-haiku-4-5
            """;

    @TempDir Path dir;
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

    private Path config(String routes) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), MODELS + "baton:\n  routes:\n" + routes);
    }

    @Test
    void configCheckPrintsTheRules() throws IOException {
        Path file = config("    background: cheap\n    long_context: {group: claude-sonnet, threshold_tokens: 90000}\n");

        assertThat(Main.run("config", "check", "--config", file.toString())).as(console.err.toString()).isZero();
        assertThat(console.out.toString(StandardCharsets.UTF_8)).contains("""
                Route rules (baton.routes, the first that matches wins):
                  long_context: more than 90000 estimated input tokens -> claude-sonnet
                  background: a haiku-family model (Claude Code's background calls) -> cheap
                """);
    }

    @Test
    void configCheckNamesTheRuleWhoseGroupIsMissing() throws IOException {
        Path file = config("    thinking: reasoning\n");

        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(1);
        assertThat(console.err.toString(StandardCharsets.UTF_8))
                .contains("config error: baton.routes.thinking: no model group 'reasoning' in model_list; groups: [claude-sonnet, cheap]");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a serve that did start would block in join()
    void serveRefusesToStartWithIt() throws IOException {
        Path file = config("    auto: {small: mini, large: claude-sonnet}\n");

        assertThat(Main.run("serve", "--config", file.toString(), "--port", "0")).isEqualTo(1);
        assertThat(console.err.toString(StandardCharsets.UTF_8)).contains("config error: baton.routes.auto.small: no model group 'mini'");
    }
}
