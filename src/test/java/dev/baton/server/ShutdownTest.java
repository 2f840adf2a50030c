package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.UsageRecord;
import dev.baton.testing.Fault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop: requests in flight finish within `shutdown_grace`; after it, streams end with an error event the
 * client retries on and waiting requests get a 503; new requests are turned away; every request gets its usage record.
 */
class ShutdownTest extends TwoFakes {

    private CompletableFuture<HttpResponse<String>> postAsync(TestGateway gw, String body) {
        HttpRequest r = HttpRequest.newBuilder(gw.uri("/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return gw.http().sendAsync(r, HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<Void> closeAsync(TestGateway gw) {
        return CompletableFuture.runAsync(() -> {
            try {
                gw.server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aStreamInFlightFinishesWithinTheGracePeriodWhileNewRequestsAreTurnedAway() throws Exception {
        primary.enqueue(Fault.slow(Duration.ofMillis(150)));
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary)
                .baton("shutdown_grace", "20").start()) {
            var stream = postAsync(gw, Wire.message("claude-sonnet", true));
            primary.takeRequest();
            var closing = closeAsync(gw);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !gw.server.accepting());
            try { // a new connection is refused; one kept alive gets a 503
                HttpResponse<String> late = gw.post("/v1/messages", Wire.message("claude-sonnet", false));
                assertThat(late.statusCode()).isEqualTo(503);
                assertThat(Wire.errorMessage(late)).contains("shutting down");
            } catch (java.io.UncheckedIOException refused) {
                assertThat(refused.getCause()).isInstanceOf(java.net.ConnectException.class);
            }

            HttpResponse<String> r = stream.get(20, TimeUnit.SECONDS);
            assertThat(Wire.types(r.body())).contains("message_stop").doesNotContain("error");
            closing.get(20, TimeUnit.SECONDS);
            List<UsageRecord> records = gw.records(1);
            assertThat(records.get(0).status()).isEqualTo(200);
            assertThat(records.get(0).usage().outputTokens()).isPositive();
        }
    }

    @Test
    void afterTheGracePeriodAStalledStreamGetsAnErrorEventAndAWaitingRequestA503() throws Exception {
        primary.enqueue(Fault.stallMidStream(MidStreamTest.AFTER_FIRST_DELTA, Duration.ofSeconds(60)));
        primary.enqueue(Fault.stallBeforeFirstByte(Duration.ofSeconds(60)));
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary)
                .baton("shutdown_grace", "1").baton("idle_timeout", "60").baton("request_timeout", "60").start()) {
            var stream = postAsync(gw, Wire.message("claude-sonnet", true));
            primary.takeRequest();
            var whole = postAsync(gw, Wire.message("claude-sonnet", false));
            primary.takeRequest();
            long start = System.nanoTime();
            closeAsync(gw).get(20, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            HttpResponse<String> streamed = stream.get(5, TimeUnit.SECONDS);
            List<Wire.Event> events = Wire.events(streamed.body());
            assertThat(events).as(streamed.body()).isNotEmpty();
            Wire.Event last = events.get(events.size() - 1);
            assertThat(last.type()).as(streamed.body()).isEqualTo("error");
            assertThat(last.json().path("error").path("type").asString()).isEqualTo("overloaded_error");
            assertThat(last.json().path("error").path("message").asString()).contains("shutting down");

            HttpResponse<String> waiting = whole.get(5, TimeUnit.SECONDS);
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(Wire.errorMessage(waiting)).contains("shutting down");
            assertThat(waiting.headers().firstValue("retry-after")).isPresent();

            assertThat(gw.records(2)).extracting(UsageRecord::status).containsExactlyInAnyOrder(200, 503);
            assertThat(gw.state("primary")).as("giving up is not the deployment's fault")
                    .isEqualTo(dev.baton.routing.DeploymentHealth.State.HEALTHY);
            assertThat(gw.health("primary").lastFailure()).isNull();
        }
    }

    @Test
    void sigtermDrainsAStreamOfBatonServeAndRecordsIt() throws Exception {
        primary.enqueue(Fault.stallMidStream(MidStreamTest.AFTER_FIRST_DELTA, Duration.ofSeconds(60)));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params: {model: anthropic/claude-sonnet-4-5, api_base: %s, api_key: sk-test}
                baton:
                  shutdown_grace: 1
                  idle_timeout: 60
                  data_dir: "%s"
                  journal: {enabled: false}
                """.formatted(primary.baseUrl(), data));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process baton = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.baton.cli.Main",
                "serve", "--config", config.toString(), "--port", "0").directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(baton.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String url = null;
            for (String line; url == null && (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("Baton listening on ")) url = line.substring("Baton listening on ".length()).strip();
            }
            assertThat(url).as(String.join("\n", lines)).isNotNull();
            var client = java.net.http.HttpClient.newHttpClient();
            var stream = client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Wire.message("claude-sonnet", true))).build(), HttpResponse.BodyHandlers.ofString());
            primary.takeRequest(Duration.ofSeconds(10));
            Thread.sleep(300); // the first delta is on its way to the client

            baton.destroy(); // SIGTERM
            assertThat(baton.waitFor(20, TimeUnit.SECONDS)).as("exits after its grace period").isTrue();
            HttpResponse<String> r = stream.get(5, TimeUnit.SECONDS);
            assertThat(Wire.streamedText(r.body())).isNotEmpty();
            List<Wire.Event> events = Wire.events(r.body());
            assertThat(events.get(events.size() - 1).type()).isEqualTo("error");
            assertThat(r.body()).contains("shutting down");

            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("baton.db"));
                 ResultSet rs = db.createStatement().executeQuery("select count(*), max(status) from usage_records")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the stream has its usage record").isEqualTo(1);
                assertThat(rs.getInt(2)).isEqualTo(200);
            }
        } finally {
            baton.destroyForcibly();
        }
    }
}
