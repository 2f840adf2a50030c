package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the commands in-process, as `baton ...` would, and reads what they print. */
class MainTest {
    private static final String VALID = """
            model_list:
              - model_name: claude-sonnet
                litellm_params:
                  model: mock/claude-sonnet-4-5
                model_info:
                  id: primary
              - model_name: claude-sonnet
                litellm_params:
                  model: mock/gemini-2.5-pro
                model_info:
                  id: secondary
              - model_name: claude-haiku
                litellm_params:
                  model: anthropic/glm-4.5-air
                  api_base: https://api.z.ai/api/anthropic
                  api_key: sk-test-not-real
            router_settings:
              fallbacks: [{"claude-sonnet": ["claude-haiku"]}]
            """;

    @TempDir
    Path dir;

    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
    private final ByteArrayOutputStream out = console.out;
    private final ByteArrayOutputStream err = console.err;

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Runs `baton demo`, which must succeed, and returns what it printed. */
    private String demo() {
        int code = Main.run("demo");
        assertThat(code).as(out() + err()).isZero();
        return out();
    }

    @Test
    void configCheckPrintsEachGroupsChainAndExitsZero() throws IOException {
        int code = Main.run("config", "check", "--config", config(VALID).toString());
        assertThat(code).as(err()).isZero();
        String printed = out();
        assertThat(printed).contains("claude-sonnet", "claude-haiku");
        assertThat(printed).containsPattern("1\\. mock/claude-sonnet-4-5 \\[primary\\]").containsPattern("2\\. mock/gemini-2\\.5-pro \\[secondary\\]");
        assertThat(printed).contains("claude-sonnet -> claude-haiku");
        assertThat(printed).containsPattern("1\\. .*glm-4\\.5-air");
        assertThat(printed).contains("config OK");
        assertThat(printed).doesNotContain("sk-test-not-real");
    }

    @Test
    void configCheckOnBadYamlExitsOneWithFileAndLine() throws IOException {
        Path file = config("model_list:\n  - model_name: x\n    litellm_params: [unclosed\n");
        int code = Main.run("config", "check", "--config", file.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).containsPattern(java.util.regex.Pattern.quote(file.toString()) + ":\\d+");
    }

    @Test
    void configCheckOnMissingModelExitsOneWithFileAndLine() throws IOException {
        Path file = config("""
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      api_base: https://api.anthropic.com
                """);
        int code = Main.run("config", "check", "--config", file.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains(file + ":").contains("litellm_params.model");
    }

    @Test
    void configCheckOnUnsupportedProviderExitsOneNamingIt() throws IOException {
        Path file = config("""
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0
                """);
        int code = Main.run("config", "check", "--config", file.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains(file + ":4: ").contains("provider 'bedrock' is not supported")
                .contains("anthropic/, openai/, openrouter/").contains("mock/");
    }

    @Test
    void configCheckOnAnEmptyConfigFailsSayingThereAreNoModels() throws IOException {
        Path file = config("# to be written\n");
        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(1);
        assertThat(err()).contains("config error: " + file + ": no models: model_list has no entries");
        assertThat(out()).doesNotContain("config OK");
    }

    @Test
    void configCheckOnAConfigWithoutModelEntriesFails() throws IOException {
        Path file = config("model_list: []\nrouter_settings:\n  num_retries: 1\n");
        assertThat(Main.run("config", "check", "--config", file.toString())).isEqualTo(1);
        assertThat(err()).contains("no models");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a serve that did start would block in join()
    void serveRefusesAConfigWithoutModels() throws IOException {
        Path file = config("model_list:\n");
        assertThat(Main.run("serve", "--port", "0", "--config", file.toString())).isEqualTo(1);
        assertThat(err()).contains("no models");
        assertThat(out()).doesNotContain("Baton listening");
    }

    @Test
    void configCheckOnMissingFileExitsOne() {
        int code = Main.run("config", "check", "--config", dir.resolve("nope.yaml").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("no such config file");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a serve that did start would block in join()
    void serveOnAllInterfacesWithoutMasterKeyRefusesAndDoesNotListen() throws IOException {
        assumeTrue(System.getenv("BATON_MASTER_KEY") == null && System.getenv("LITELLM_MASTER_KEY") == null,
                "a master key in the environment would make the gateway secure");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int code = Main.run("serve", "--host", "0.0.0.0", "--port", Integer.toString(port), "--config", config(VALID).toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("refusing to listen on 0.0.0.0 without a master key");
        assertThat(out()).doesNotContain("Baton listening");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            throw new AssertionError("something listens on port " + port);
        } catch (IOException refused) {
            // nothing listens: as it should be
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void demoFallsBackOnThe429SwitchesAndRecoversWithoutClientErrors() {
        assertThat(demo()).contains("switch: primary -> secondary", "switch: secondary -> primary", "The client saw 0 errors in 6 turns");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void demoLeavesNothingInTheTempFolder() throws IOException {
        Set<Path> before = demoLeftovers();
        demo();
        assertThat(demoLeftovers()).isEqualTo(before); // its config and its usage database are gone
    }

    private static Set<Path> demoLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("baton-demo")).collect(Collectors.toSet());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void demoSecondaryIsALocalOpenAiServerAndWhatItServesIsReallyTranslated() {
        String printed = demo();
        assertThat(printed).containsPattern("2\\. secondary +openai/gpt-4\\.1-mini: a local OpenAI Chat Completions server at http://127\\.0\\.0\\.1:\\d+/v1");
        assertThat(printed).doesNotContain("gemini");
        // what the OpenAI server itself received, in its own dialect, for the turns it served (Baton asks for whole answers as streams too)
        assertThat(printed).contains("translated to OpenAI Chat Completions; the server received POST /v1/chat/completions")
                .contains("{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Turn 3: refactor the parser\"}]")
                .contains("{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Turn 4: refactor the parser\"}],\"stream\":true");
        // and its answers reached the Anthropic client in Anthropic's format, both ways
        assertThat(printed).contains("answer (Anthropic message): \"" + DemoCommand.SECONDARY_TEXT + "\"")
                .contains("answer (Anthropic stream): \"" + DemoCommand.SECONDARY_TEXT + "\"");
        assertThat(printed).contains("the OpenAI server received 2 Chat Completions requests (");
    }
}
