package dev.baton.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a local Ollama which models it has (`GET /api/tags`). Used at startup without a config file, so it
 * must be quick and must never fail: any error or timeout means "no Ollama".
 */
public final class OllamaProbe {
    public static final URI DEFAULT_BASE = URI.create(DefaultConfig.OLLAMA_API_BASE);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);

    private OllamaProbe() {
    }

    public static Optional<String> firstModel() {
        return firstModel(DEFAULT_BASE, DEFAULT_TIMEOUT);
    }

    /** The first model's name from `{"models":[{"name":"llama3.2:latest",...}]}`, or empty. */
    public static Optional<String> firstModel(URI base, Duration timeout) {
        String b = base.toString();
        URI tags = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/api/tags");
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(tags).timeout(timeout).GET().build();
            // The request timeout stops at the headers; bounding the whole exchange covers a body that stalls.
            HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) return Optional.empty();
            JsonNode models = JsonMapper.shared().readTree(response.body()).path("models");
            for (JsonNode m : models) {
                String name = m.path("name").asString(m.path("model").asString(""));
                if (!name.isBlank()) return Optional.of(name);
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            // Not close(): it would wait for a request we gave up on.
            client.shutdownNow();
        }
    }
}
