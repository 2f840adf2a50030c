package dev.baton.provider;

import static dev.baton.provider.GeminiUpstreamTest.chat;
import static dev.baton.provider.GeminiUpstreamTest.text;
import static dev.baton.provider.UpstreamCalls.call;
import static dev.baton.provider.UpstreamCalls.request;
import static dev.baton.provider.UpstreamCalls.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatResponse;
import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.canonical.StreamEvent;
import dev.baton.catalog.ModelCatalog;
import dev.baton.config.Deployment;
import dev.baton.dialect.Wire;
import dev.baton.provider.google.AccessTokens;
import dev.baton.provider.google.GoogleCredentials;
import dev.baton.testing.AnthropicReply;
import dev.baton.testing.FakeTokenServer;
import dev.baton.testing.FakeVertex;
import dev.baton.testing.Fault;
import dev.baton.testing.GeminiReply;
import dev.baton.testing.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code vertex_ai/} over real HTTP: a fake Vertex behind a fake Google token endpoint that checks the signed JWT. */
class VertexTest {
    private static FakeTokenServer tokens;
    private static FakeVertex vertex;
    private static HttpTransport transport;

    @BeforeAll
    static void start() {
        tokens = FakeTokenServer.start();
        vertex = FakeVertex.start("vertex", tokens);
        transport = new HttpTransport(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        vertex.close();
        tokens.close();
        transport.close();
    }

    @Test
    void geminiOnVertexGoesToTheRegionalPublisherPathWithATokenFromTheServiceAccount() throws Exception {
        vertex.replyGemini(GeminiReply.text("from vertex"));
        Deployment d = deployment("gemini-2.5-pro", Map.of("vertex_project", "proj-1", "vertex_location", "europe-west4",
                "vertex_credentials", tokens.serviceAccountJson("ignored")));
        Upstream upstream = Vertex.forDeployment(d, transport, ModelCatalog.defaults(), Map.of(), Clock.systemUTC());
        int before = tokens.exchanges();

        ChatResponse first = call(upstream, request(d, chat("hi"), false));
        List<StreamEvent> second = stream(upstream, request(d, chat("again"), true));

        assertThat(upstream.wire()).isEqualTo(Wire.GEMINI);
        assertThat(first.content()).containsExactly(new Block.Text("from vertex"));
        assertThat(text(second)).isEqualTo("from vertex");
        assertThat(vertex.takeRequest().path()).isEqualTo("/v1/projects/proj-1/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent");
        RecordedRequest streamed = vertex.takeRequest();
        assertThat(streamed.path()).endsWith("/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
        assertThat(streamed.header("authorization")).startsWith("Bearer ya29.fake-");
        assertThat(tokens.exchanges() - before).as("the token is cached").isEqualTo(1);
    }

    @Test
    void credentialsComeFromGoogleApplicationCredentialsAndTheProjectFromTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sa.json");
        Files.writeString(file, tokens.serviceAccountJson("proj-from-file"));
        Deployment d = deployment("gemini-2.5-flash", Map.of());

        call(Vertex.forDeployment(d, transport, ModelCatalog.defaults(), Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString(),
                "VERTEXAI_LOCATION", "us-east5"), Clock.systemUTC()), request(d, chat("hi"), false));

        assertThat(vertex.takeRequest().path()).startsWith("/v1/projects/proj-from-file/locations/us-east5/publishers/google/");
    }

    @Test
    void claudeOnVertexIsAnthropicsWireAtRawPredictWithVertexsVersionAndBetas() throws Exception {
        vertex.replyClaude(AnthropicReply.text("Claude via Vertex"));
        Deployment d = deployment("claude-sonnet-4-5@20250929", Map.of("vertex_project", "proj-1", "vertex_location", "global",
                "vertex_credentials", tokens.serviceAccountJson("p")));
        Upstream upstream = Vertex.forDeployment(d, transport, ModelCatalog.defaults(), Map.of(), Clock.systemUTC());
        CallerContext caller = new CallerContext(Map.of("anthropic-beta",
                "interleaved-thinking-2025-05-14,structured-outputs-2025-11-13,oauth-2025-04-20,prompt-caching-scope-2026-01-05"), null, null);

        ChatResponse whole = call(upstream, request(d, chat("hi"), false, caller, UpstreamCalls.TIMEOUTS));
        List<StreamEvent> streamed = stream(upstream, request(d, chat("hi"), true, caller, UpstreamCalls.TIMEOUTS));

        assertThat(upstream.wire()).isEqualTo(Wire.ANTHROPIC);
        assertThat(whole.content()).containsExactly(new Block.Text("Claude via Vertex"));
        assertThat(text(streamed)).isEqualTo("Claude via Vertex");
        RecordedRequest sent = vertex.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/projects/proj-1/locations/global/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
        assertThat(sent.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
        assertThat(sent.header("anthropic-version")).isNull();
        JsonNode body = sent.json();
        assertThat(body.has("model")).isFalse();
        assertThat(body.get("anthropic_version").asString()).isEqualTo("vertex-2023-10-16");
        assertThat(vertex.takeRequest().path()).endsWith(":streamRawPredict");
    }

    @Test
    void vertexsOwnQuotaErrorIsReadInGooglesTermsEvenForClaude() {
        Deployment d = deployment("claude-haiku-4-5@20251001", Map.of("vertex_project", "p", "vertex_credentials", tokens.serviceAccountJson("p")));
        vertex.enqueue(Fault.status(429, "RESOURCE_EXHAUSTED", "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model. Please retry in 20s."));

        assertThatThrownBy(() -> call(Vertex.forDeployment(d, transport, ModelCatalog.defaults(), Map.of(), Clock.systemUTC()), request(d, chat("hi"), false)))
                .isInstanceOfSatisfying(FailureException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.RateLimited.class);
                    assertThat(e.failure().retryAfter()).isEqualTo(Duration.ofSeconds(20));
                });
    }

    @Test
    void tokensAreFetchedOnceForManyConcurrentCallers() throws Exception {
        AccessTokens source = new AccessTokens(GoogleCredentials.parse(tokens.serviceAccountJson("p")), transport, Clock.systemUTC());
        int before = tokens.exchanges();
        List<Future<String>> results = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) results.add(threads.submit(source::token));
        }

        assertThat(results.stream().map(f -> f.resultNow()).distinct()).hasSize(1);
        assertThat(tokens.exchanges() - before).isEqualTo(1);
    }

    @Test
    void aTokenAboutToExpireIsReplaced() throws Exception {
        tokens.expiresIn(30); // inside the one-minute refresh margin: stale as soon as it arrives
        try {
            AccessTokens source = new AccessTokens(GoogleCredentials.parse(tokens.serviceAccountJson("p")), transport, Clock.systemUTC());
            assertThat(source.token()).isNotEqualTo(source.token());
        } finally {
            tokens.expiresIn(3599);
        }
    }

    @Test
    void anAuthorizedUsersRefreshTokenWorksToo() throws Exception {
        AccessTokens source = new AccessTokens(GoogleCredentials.parse(tokens.authorizedUserJson()), transport, Clock.systemUTC());

        assertThat(tokens.issued(source.token())).isTrue();
    }

    @Test
    void aKeyTheTokenServerDoesNotKnowIsMisconfiguredAndNoSecretLeaks() {
        try (FakeTokenServer stranger = FakeTokenServer.start()) {
            // the stranger's key, but our token server's token_uri: the signature cannot verify
            String json = stranger.serviceAccountJson("p").replace(stranger.tokenUri(), tokens.tokenUri());
            AccessTokens source = new AccessTokens(GoogleCredentials.parse(json), transport, Clock.systemUTC());

            assertThatThrownBy(source::token).isInstanceOfSatisfying(FailureException.class, e -> {
                assertThat(e.failure()).isInstanceOf(Failure.Misconfigured.class);
                assertThat(e.failure().detail()).contains("invalid_grant").contains("Invalid JWT Signature")
                        .doesNotContain("PRIVATE KEY").doesNotContain("eyJ");
            });
            assertThat(GoogleCredentials.parse(json).toString()).doesNotContain("PRIVATE");
        }
    }

    @Test
    void missingCredentialsFailOverAtTheFirstRequestInsteadOfStoppingTheGateway() {
        Deployment d = deployment("gemini-2.5-flash", Map.of("vertex_project", "p"));
        Upstream upstream = Vertex.forDeployment(d, null, ModelCatalog.defaults(), Map.of(), Clock.systemUTC()); // config check builds it without a transport

        assertThatThrownBy(() -> upstream.open(request(d, chat("hi"), false))).isInstanceOfSatisfying(FailureException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.Misconfigured.class);
            assertThat(e.failure().detail()).contains("vertex_credentials");
        });
    }

    @Test
    void theGlobalLocationUsesTheLocationlessHost() throws Exception {
        Deployment d = new Deployment("g", "vertex_ai", "gemini-2.5-pro", null, null, null, null, null, null, 1,
                Map.of("vertex_project", "p", "vertex_location", "global", "vertex_credentials", tokens.serviceAccountJson("p")),
                Map.of(), "vertex_ai/gemini-2.5-pro", 0);
        VertexAccess global = new VertexAccess(d, transport, Map.of(), Clock.systemUTC());
        Deployment regional = new Deployment("g", "vertex_ai", "gemini-2.5-pro", null, null, null, null, null, null, 1,
                Map.of("vertex_project", "p", "vertex_credentials", tokens.serviceAccountJson("p")), Map.of(), "vertex_ai/gemini-2.5-pro", 0);

        assertThat(global.modelUri("google", "gemini-2.5-pro", "generateContent").toString())
                .isEqualTo("https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-pro:generateContent");
        assertThat(new VertexAccess(regional, transport, Map.of(), Clock.systemUTC()).modelUri("anthropic", "claude-x", "rawPredict").toString())
                .isEqualTo("https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/anthropic/models/claude-x:rawPredict");
    }

    private static Deployment deployment(String model, Map<String, Object> params) {
        return new Deployment("group", "vertex_ai", model, vertex.baseUrl(), null, null, null, null, null, 1, params, Map.of(),
                "vertex_ai/" + model, 0);
    }
}
