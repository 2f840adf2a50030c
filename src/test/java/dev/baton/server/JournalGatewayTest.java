package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.cli.Main;
import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import dev.baton.testing.Fault;
import dev.baton.testing.GitRepo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** The journal behind a running gateway: switches become commits and tags, `/webhook` takes them from outside. */
class JournalGatewayTest extends TwoFakes {
    static final String WEBHOOK_BODY = "{\"model\":\"test-model\",\"event_type\":\"fallback\"}";

    private TestGateway.Builder gateway(String journalYaml) {
        return TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .deployment("claude-sonnet", "secondary", "anthropic/gemini-2.5-pro", secondary.baseUrl(), "sk-test-secondary")
                .baton("journal", journalYaml);
    }

    private static String repoYaml(GitRepo repo, String... more) {
        return "{repo: " + Json.MAPPER.writeValueAsString(repo.dir.toString()) + (more.length == 0 ? "" : ", " + String.join(", ", more)) + "}";
    }

    /** A Claude Code request: the working directory stated in the system prompt, as Claude Code 2.x does. */
    private static String claudeCodeMessage(Path workingDir) {
        String env = "# Environment\nYou have been invoked in the following environment: \n - Primary working directory: " + workingDir
                + "\n  - Is a git repository: true\n - Platform: linux";
        return "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":64,\"system\":["
                + "{\"type\":\"text\",\"text\":\"You are Claude Code, Anthropic's official CLI for Claude.\"},"
                + "{\"type\":\"text\",\"text\":" + Json.MAPPER.writeValueAsString(env) + "}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Fix the bug\"}]}";
    }

    @Test
    void theCurlExampleTagsTheRepository() throws Exception {
        GitRepo repo = GitRepo.withCommit(dir.resolve("repo"), "a.txt", "a\n");
        try (TestGateway gw = gateway(repoYaml(repo)).start()) {
            // curl -X POST http://localhost:4000/webhook -H "Content-Type: application/json" -d '{"model":"test-model","event_type":"fallback"}'
            HttpResponse<String> r = gw.post("/webhook", WEBHOOK_BODY);

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode answer = Json.MAPPER.readTree(r.body());
            assertThat(answer.path("status").asString()).isEqualTo("recorded");
            List<String> tags = repo.tags("model-*");
            assertThat(tags).singleElement().asString().matches("model-test-model-\\d{8}-\\d{6}");
            assertThat(answer.path("tag").asString()).isEqualTo(tags.get(0));
            assertThat(repo.git("log", "-1", "--format=%s%n%(trailers)")).contains(
                    "Auto-commit before switch to test-model", "Baton-To: test-model", "Baton-Reason: webhook fallback", "Baton-Session: webhook");
        }
    }

    @Test
    void aBodyThatIsNotAnEventIsA400InAnthropicsShape() throws Exception {
        GitRepo repo = GitRepo.withCommit(dir.resolve("repo"), "a.txt", "a\n");
        try (TestGateway gw = gateway(repoYaml(repo)).start()) {
            HttpResponse<String> bad = gw.post("/webhook", "{\"model\": ");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Wire.errorType(bad)).isEqualTo("invalid_request_error");
            assertThat(Wire.errorMessage(bad)).startsWith("webhook body is not valid JSON");

            HttpResponse<String> noModel = gw.post("/webhook", "{\"event_type\":\"fallback\"}");
            assertThat(noModel.statusCode()).isEqualTo(400);
            assertThat(Wire.errorMessage(noModel)).contains("model: field required");

            assertThat(gw.get("/webhook").statusCode()).isEqualTo(405);
            assertThat(repo.tags("*")).isEmpty();
        }
    }

    @Test
    void withAMasterKeyTheWebhookNeedsIt() throws Exception {
        GitRepo repo = GitRepo.withCommit(dir.resolve("repo"), "a.txt", "a\n");
        try (TestGateway gw = gateway(repoYaml(repo)).masterKey("sk-baton-master-key").start()) {
            assertThat(gw.post("/webhook", WEBHOOK_BODY).statusCode()).isEqualTo(401);
            assertThat(repo.tags("*")).isEmpty();

            assertThat(gw.post("/webhook", WEBHOOK_BODY, "x-api-key", "sk-baton-master-key").statusCode()).isEqualTo(200);
            assertThat(repo.tags("model-test-model-*")).hasSize(1);
        }
    }

    @Test
    void withoutAJournalTheWebhookSaysSo() throws Exception {
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary).start()) {
            HttpResponse<String> r = gw.post("/webhook", WEBHOOK_BODY);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode answer = Json.MAPPER.readTree(r.body());
            assertThat(answer.path("status").asString()).isEqualTo("ignored");
            assertThat(answer.path("reason").asString()).contains("journal off");
        }
    }

    @Test
    void aRateLimitSwitchIsCommittedTaggedReviewedAndRolledBack() throws Exception {
        Path code = Files.createDirectories(dir.resolve("code"));
        GitRepo repo = GitRepo.withCommit(code.resolve("app"), "app.txt", "v1\n");
        String auto = "{repo: auto, allowed_roots: [" + Json.MAPPER.writeValueAsString(code.toString()) + "]}";
        Path configFile;
        try (TestGateway gw = gateway(auto).start()) {
            configFile = Files.writeString(dir.resolve("gateway.yaml"), gw.yaml);
            repo.write("app.txt", "v2 by claude\n"); // Claude's uncommitted work when the limit hits
            primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));

            HttpResponse<String> r = gw.post("/v1/messages", claudeCodeMessage(repo.dir), "X-Claude-Code-Session-Id", "cc-session-1");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("secondary");
            await().atMost(Duration.ofSeconds(30)).until(() -> repo.tags("model-*").size() == 1);
            String tag = repo.tags("model-*").get(0);
            assertThat(tag).matches("model-gemini-2.5-pro-\\d{8}-\\d{6}");
            assertThat(repo.git("log", "-1", "--format=%s%n%(trailers)", tag)).contains("Auto-commit before switch to gemini-2.5-pro",
                    "Baton-From: primary", "Baton-To: secondary", "Baton-Session: cc-session-1").containsPattern("Baton-Reason: .*429");
            assertThat(repo.git("show", tag + ":app.txt")).isEqualTo("v2 by claude\n");
        }

        repo.write("app.txt", "v3 by gemini\n", "gemini.txt", "added by gemini\n"); // Gemini's work, committed as agents do
        repo.commitAll("gemini: rewrite app");

        String analysis = cli("review", "--repo", repo.dir.toString(), "--analyze", "--config", configFile.toString());
        assertThat(analysis).containsPattern("gemini-2\\.5-pro +model-gemini-2\\.5-pro-\\d{8}-\\d{6} .* \\(open\\) +1 +2 +\\+2 +-1 +no");

        // with the gateway's config, the review reads the usage store: the segment's tokens and cost
        JsonNode rows = Json.MAPPER.readTree(cli("review", "--repo", repo.dir.toString(), "--analyze", "--json", "--config", configFile.toString()));
        JsonNode gemini = rows.path("models").get(0);
        assertThat(gemini.path("model").asString()).isEqualTo("gemini-2.5-pro");
        assertThat(gemini.path("segments").get(0).path("tokens").asLong()).as(rows.toString()).isPositive();
        assertThat(gemini.path("segments").get(0).path("cost_usd").asDouble()).isPositive();

        String rollback = cli("review", "--repo", repo.dir.toString(), "--rollback", "gemini-2.5-pro");
        assertThat(rollback).contains("Reverted 1 commit of gemini-2.5-pro", "gemini: rewrite app");
        assertThat(repo.read("app.txt")).isEqualTo("v2 by claude\n");
        assertThat(repo.exists("gemini.txt")).isFalse();
        assertThat(repo.status()).isEmpty();
        assertThat(repo.lines("log", "--format=%s")).containsExactly("Revert \"gemini: rewrite app\"", "gemini: rewrite app",
                "Auto-commit before switch to gemini-2.5-pro", "initial");
    }

    @Test
    void aJournalStuckOnAGitLockHoldsUpNeitherRequestsNorOtherListeners() throws Exception {
        GitRepo repo = GitRepo.withCommit(dir.resolve("repo"), "a.txt", "a\n");
        Path lock = Files.writeString(repo.dir.resolve(".git/index.lock"), "");
        try (TestGateway gw = gateway(repoYaml(repo, "index_lock_wait: 60s")).start()) {
            List<SwitchEvent> seen = new CopyOnWriteArrayList<>();
            gw.gateway.switches().subscribe(seen::add);
            primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));

            assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "a").statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "X-Claude-Code-Session-Id", "b").statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2); // delivered while the journal waits
            assertThat(repo.tags("*")).isEmpty();
            Files.delete(lock); // the other git finishes
            await().atMost(Duration.ofSeconds(30)).until(() -> repo.tags("model-*").size() == 2);
            assertThat(repo.status()).isEmpty();
        }
    }

    /** Runs `baton ...` in-process and returns what it printed; fails on a non-zero exit. */
    private static String cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        return printed;
    }
}
