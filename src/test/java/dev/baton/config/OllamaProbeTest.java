package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaProbeTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private URI serve(int status, String body, long delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/tags", exchange -> {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void returnsTheFirstModelFromApiTags() throws IOException {
        URI base = serve(200, """
                {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","size":2019393189},
                           {"name":"qwen3:8b","model":"qwen3:8b"}]}""", 0);
        assertThat(OllamaProbe.firstModel(base, Duration.ofSeconds(2))).contains("llama3.2:latest");
        assertThat(OllamaProbe.firstModel(URI.create(base + "/"), Duration.ofSeconds(2))).contains("llama3.2:latest");
    }

    @Test
    void returnsEmptyWithoutModelsOnErrorsOrGarbage() throws IOException {
        assertThat(OllamaProbe.firstModel(serve(200, "{\"models\":[]}", 0), Duration.ofSeconds(2))).isEmpty();
        stop();
        assertThat(OllamaProbe.firstModel(serve(500, "{}", 0), Duration.ofSeconds(2))).isEmpty();
        stop();
        assertThat(OllamaProbe.firstModel(serve(200, "not json", 0), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void returnsEmptyQuicklyWhenTheServerIsTooSlow() throws IOException {
        URI base = serve(200, "{\"models\":[{\"name\":\"late\"}]}", 1500);
        long start = System.nanoTime();
        assertThat(OllamaProbe.firstModel(base, Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void returnsEmptyForAClosedPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(OllamaProbe.firstModel(URI.create("http://127.0.0.1:" + port), Duration.ofMillis(300))).isEmpty();
    }
}
