package dev.baton.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.store.Database;
import dev.baton.store.UsageStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton serve` in a child JVM, killed with SIGKILL after its responses went out: it loses at most the records still
 * in the writer's queue, and the next start says how many. The writer here writes batches of three and otherwise
 * waits a minute, so after seven requests six are written and one is queued when the process dies.
 */
class WriterCrashTest {
    private static final Pattern LISTENING = Pattern.compile("Baton listening on (http://\\S+)");

    @TempDir Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process child;

    /** A running `baton serve` and everything it printed. */
    private record Child(Process process, String url, List<String> output) {
    }

    @AfterEach
    void cleanUp() {
        if (child != null) child.destroyForcibly();
        http.close();
    }

    private Child serve() throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: mock/claude-sonnet-4-5
                      mock_response: "done"
                baton:
                  data_dir: "%s"
                  usage: {batch_size: 3, flush_interval: 60s}
                """.formatted(dir));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.baton.cli.Main", "serve",
                "--config", config.toString(), "--port", "0").redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        String[] url = new String[1];
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) url[0] = m.group(1);
                }
            } catch (IOException ignored) {
                // the child died
            }
        });
        Process p = child;
        await().atMost(Duration.ofSeconds(30)).until(() -> url[0] != null || !p.isAlive());
        assertThat(url[0]).as(String.join("\n", output)).isNotNull();
        return new Child(child, url[0], output);
    }

    private void send(Child c, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(c.url() + "/v1/messages")).timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet\",\"max_tokens\":16,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
            assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void killDashNineLosesOnlyTheQueuedRecordsAndTheNextStartReportsThem() throws Exception {
        Child first = serve();
        send(first, 7);
        try (Database db = Database.open(null, dir.resolve("baton.db"))) {
            UsageStore store = new UsageStore(db);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.count() == 6);
        }
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

        Child second = serve();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.output().stream().anyMatch(l -> l.contains("are lost")));
        assertThat(String.join("\n", second.output())).contains("1 usage record(s) it had accepted were never written and are lost");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(second.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("baton_usage_lost_at_start 1.0");

        send(second, 2); // queued: fewer than a batch, and the flush interval is a minute away
        http.shutdownNow(); // idle keep-alive connections would hold Jetty's graceful stop
        second.process().destroy(); // SIGTERM: the shutdown hook writes what is queued
        assertThat(second.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        try (Database db = Database.open(null, dir.resolve("baton.db"))) {
            assertThat(new UsageStore(db).count()).isEqualTo(8);
            // a clean stop leaves nothing to report
            UsageRecorder third = new UsageRecorder(new UsageStore(db), dir, 10, 10, Duration.ofMillis(10));
            assertThat(third.lostInPreviousRuns()).isZero();
            third.close();
        }
    }
}
