package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FakeUpstreamTest {
    private static final String BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""";
    private static final String STREAM_BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""";
    private static final List<String> TEXT_EVENTS = List.of("message_start", "content_block_start", "ping",
            "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeAnthropic fake;

    @BeforeEach
    void start() {
        fake = FakeAnthropic.start("primary");
    }

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    // --- normal replies ---

    @Test
    void nonStreamingReplyHasAnthropicShape() throws Exception {
        HttpResponse<String> response = post("/v1/messages", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode json = Json.parse(response.body());
        assertThat(json.get("id").stringValue()).startsWith("msg_");
        assertThat(json.get("type").stringValue()).isEqualTo("message");
        assertThat(json.get("role").stringValue()).isEqualTo("assistant");
        assertThat(json.get("model").stringValue()).isEqualTo("claude-sonnet-4-5");
        assertThat(json.at("/content/0/type").stringValue()).isEqualTo("text");
        assertThat(json.at("/content/0/text").stringValue()).isEqualTo("Hello from primary");
        assertThat(json.get("stop_reason").stringValue()).isEqualTo("end_turn");
        assertThat(json.get("stop_sequence").isNull()).isTrue();
        assertThat(json.at("/usage/input_tokens").intValue()).isPositive();
        assertThat(json.at("/usage/output_tokens").intValue()).isPositive();
        assertThat(json.at("/usage/cache_creation_input_tokens").intValue()).isZero();
        assertThat(json.at("/usage/cache_read_input_tokens").intValue()).isZero();
    }

    @Test
    void streamHasExactEventSequence() throws Exception {
        fake.replyText("Hello, streaming world");
        HttpResponse<InputStream> response = postStream("/v1/messages?beta=true", STREAM_BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<Event> events = readEvents(response.body(), Integer.MAX_VALUE);
        assertThat(events).extracting(Event::name).containsExactlyElementsOf(TEXT_EVENTS);
        for (Event event : events) assertThat(event.json().get("type").stringValue()).isEqualTo(event.name());

        assertThat(events.get(0).json().at("/message/content").isEmpty()).isTrue();
        assertThat(events.get(0).json().at("/message/model").stringValue()).isEqualTo("claude-sonnet-4-5");
        assertThat(events.get(1).json().at("/content_block/text").stringValue()).isEmpty();
        String text = events.stream().filter(e -> e.name().equals("content_block_delta"))
                .map(e -> e.json().at("/delta/text").stringValue()).reduce("", String::concat);
        assertThat(text).isEqualTo("Hello, streaming world");
        assertThat(events.get(7).data()).isEqualTo(
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":5}}");
    }

    @Test
    void toolUseTurnStreamsInputJsonDeltas() throws Exception {
        fake.replyToolUse("toolu_01A", "get_weather", "{\"location\":\"Paris\"}");

        JsonNode message = Json.parse(post("/v1/messages", BODY).body());
        assertThat(message.get("stop_reason").stringValue()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/type").stringValue()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/id").stringValue()).isEqualTo("toolu_01A");
        assertThat(message.at("/content/0/input/location").stringValue()).isEqualTo("Paris");

        List<Event> events = readEvents(postStream("/v1/messages", STREAM_BODY).body(), Integer.MAX_VALUE);
        assertThat(events.get(1).json().at("/content_block/type").stringValue()).isEqualTo("tool_use");
        assertThat(events.get(1).json().at("/content_block/input").isEmpty()).isTrue();
        String partialJson = events.stream().filter(e -> e.name().equals("content_block_delta"))
                .peek(e -> assertThat(e.json().at("/delta/type").stringValue()).isEqualTo("input_json_delta"))
                .map(e -> e.json().at("/delta/partial_json").stringValue()).reduce("", String::concat);
        assertThat(partialJson).isEqualTo("{\"location\":\"Paris\"}");
        assertThat(events.get(events.size() - 2).json().at("/delta/stop_reason").stringValue()).isEqualTo("tool_use");
    }

    @Test
    void countTokensIsDeterministic() throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        JsonNode first = Json.parse(post("/v1/messages/count_tokens", body).body());
        JsonNode second = Json.parse(post("/v1/messages/count_tokens", body).body());
        assertThat(first.get("input_tokens").intValue()).isEqualTo(body.length() / 4).isEqualTo(second.get("input_tokens").intValue());
    }

    // --- auth, validation, routing ---

    @Test
    void authAndValidationErrorsAreAnthropicShaped() throws Exception {
        var noKey = send(HttpRequest.newBuilder(uri("/v1/messages")).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
        assertError(noKey, 401, "authentication_error");

        var bearer = send(HttpRequest.newBuilder(uri("/v1/messages")).header("anthropic-version", "2023-06-01")
                .header("authorization", "Bearer sk-test").POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
        assertThat(bearer.statusCode()).isEqualTo(200);

        var noVersion = send(HttpRequest.newBuilder(uri("/v1/messages")).header("x-api-key", "sk-test")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
        assertError(noVersion, 400, "invalid_request_error");

        fake.requireApiKey("sk-right");
        assertError(post("/v1/messages", BODY), 401, "authentication_error");
        fake.requireApiKey(null);

        var missingMaxTokens = post("/v1/messages", "{\"model\":\"m\",\"messages\":[]}");
        assertError(missingMaxTokens, 400, "invalid_request_error");
        assertThat(Json.parse(missingMaxTokens.body()).at("/error/message").stringValue()).contains("max_tokens");
        assertError(post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[]}"), 400, "invalid_request_error");
        assertError(post("/v1/messages", "not json"), 400, "invalid_request_error");
        assertError(post("/v1/complete", BODY), 404, "not_found_error");
    }

    // --- faults ---

    @Test
    void rateLimitedCarriesRetryAfterThenNextRequestSucceeds() throws Exception {
        fake.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
        fake.enqueue(Fault.rateLimited(Duration.ofMillis(1500),
                Map.of("anthropic-ratelimit-unified-status", "rejected", "anthropic-ratelimit-unified-reset", "1767225600")));
        fake.enqueue(Fault.rateLimitedNoRetryAfter());

        var first = post("/v1/messages", BODY);
        assertError(first, 429, "rate_limit_error");
        assertThat(first.headers().firstValue("retry-after")).hasValue("30");
        assertThat(first.headers().firstValue("request-id")).isPresent();
        var second = post("/v1/messages", BODY);
        assertThat(second.headers().firstValue("retry-after")).hasValue("2");
        assertThat(second.headers().firstValue("anthropic-ratelimit-unified-status")).hasValue("rejected");
        var third = post("/v1/messages", BODY);
        assertError(third, 429, "rate_limit_error");
        assertThat(third.headers().firstValue("retry-after")).isEmpty();
        assertThat(post("/v1/messages", BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void alwaysAppliesUntilCleared() throws Exception {
        fake.always(Fault.overloaded());
        assertError(post("/v1/messages", BODY), 529, "overloaded_error");
        assertError(post("/v1/messages/count_tokens", BODY), 529, "overloaded_error");
        fake.enqueue(Fault.none());
        assertThat(post("/v1/messages", BODY).statusCode()).isEqualTo(200);
        assertError(post("/v1/messages", BODY), 529, "overloaded_error");
        fake.always(null);
        assertThat(post("/v1/messages", BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void serverErrorAndCustomStatus() throws Exception {
        fake.enqueue(Fault.serverError(500));
        fake.enqueue(Fault.serverError(503));
        fake.enqueue(Fault.status(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"));

        assertError(post("/v1/messages", BODY), 500, "api_error");
        assertThat(post("/v1/messages", BODY).statusCode()).isEqualTo(503);
        var tooLong = post("/v1/messages", BODY);
        assertError(tooLong, 400, "invalid_request_error");
        assertThat(Json.parse(tooLong.body()).at("/error/message").stringValue())
                .isEqualTo("prompt is too long: 210000 tokens > 200000 maximum");
    }

    @Test
    void resetBeforeHeadersFailsTheClient() {
        fake.enqueue(Fault.resetBeforeHeaders());
        assertThatThrownBy(() -> post("/v1/messages", BODY)).isInstanceOf(IOException.class);
        assertThat(fake.takeRequest().body()).isEqualTo(BODY);
    }

    @Test
    void resetMidStreamDeliversEventsThenAnError() throws Exception {
        fake.enqueue(Fault.resetMidStream(3));
        HttpResponse<InputStream> response = postStream("/v1/messages", STREAM_BODY);
        assertThat(response.statusCode()).isEqualTo(200);

        var events = new ArrayList<Event>();
        assertThatThrownBy(() -> readEventsInto(response.body(), events)).isInstanceOf(IOException.class);
        assertThat(events).extracting(Event::name).containsExactly("message_start", "content_block_start", "ping");
    }

    @Test
    void resetMidBodyOnNonStreamingRequest() {
        fake.enqueue(Fault.resetMidStream(3));
        assertThatThrownBy(() -> post("/v1/messages", BODY)).isInstanceOf(IOException.class);
    }

    @Test
    void stallBeforeFirstByteThenRespondsNormally() throws Exception {
        fake.enqueue(Fault.stallBeforeFirstByte(Duration.ofMillis(300)));
        long start = System.nanoTime();
        var response = post("/v1/messages", BODY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void stallBeforeFirstByteTripsAClientTimeout() {
        fake.enqueue(Fault.stallBeforeFirstByte(Duration.ofSeconds(2)));
        var request = authorized("/v1/messages").timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        assertThatThrownBy(() -> send(request)).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void stallMidStreamThenTheRest() throws Exception {
        fake.enqueue(Fault.stallMidStream(2, Duration.ofMillis(300)));
        long start = System.nanoTime();
        List<Event> events = readEvents(postStream("/v1/messages", STREAM_BODY).body(), Integer.MAX_VALUE);
        assertThat(events).extracting(Event::name).containsExactlyElementsOf(TEXT_EVENTS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void slowStreamStillCompletes() throws Exception {
        fake.enqueue(Fault.slow(Duration.ofMillis(30)));
        long start = System.nanoTime();
        List<Event> events = readEvents(postStream("/v1/messages", STREAM_BODY).body(), Integer.MAX_VALUE);
        assertThat(events).extracting(Event::name).containsExactlyElementsOf(TEXT_EVENTS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(8 * 30 - 20));
    }

    @Test
    void malformedBodyAndStream() throws Exception {
        fake.enqueue(Fault.malformed());
        fake.enqueue(Fault.malformed());

        var response = post("/v1/messages", BODY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Json.parseOrNull(response.body())).isNull();

        List<Event> events = readEvents(postStream("/v1/messages", STREAM_BODY).body(), Integer.MAX_VALUE);
        assertThat(Json.parseOrNull(events.get(0).data())).isNotNull();
        assertThat(Json.parseOrNull(events.get(1).data())).isNull();
    }

    @Test
    void inStreamErrorAfterMessageStart() throws Exception {
        fake.enqueue(Fault.inStreamError(1, "overloaded_error", "Overloaded"));
        HttpResponse<InputStream> response = postStream("/v1/messages", STREAM_BODY);
        assertThat(response.statusCode()).isEqualTo(200);

        List<Event> events = readEvents(response.body(), Integer.MAX_VALUE);
        assertThat(events).extracting(Event::name).containsExactly("message_start", "error");
        assertThat(events.get(1).data())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

        fake.enqueue(Fault.inStreamError(1, "overloaded_error", "Overloaded"));
        assertError(post("/v1/messages", BODY), 529, "overloaded_error");
    }

    // --- HTTP mechanics and recording ---

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        post("/v1/messages", BODY);
        readEvents(postStream("/v1/messages", STREAM_BODY).body(), Integer.MAX_VALUE);
        post("/v1/messages", BODY);

        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(RecordedRequest::connectionIndex).containsOnly(requests.getFirst().connectionIndex());
    }

    @Test
    void defaultHttpClientOfferingH2cUpgradeGetsHttp11() throws Exception {
        try (HttpClient defaultClient = HttpClient.newHttpClient()) {
            var response = defaultClient.send(authorized("/v1/messages").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void rawSocketKeepAliveWithChunkedRequestBody() throws Exception {
        try (var socket = new Socket("127.0.0.1", fake.port())) {
            OutputStream out = socket.getOutputStream();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String chunked = Integer.toHexString(10) + "\r\n" + BODY.substring(0, 10) + "\r\n"
                    + Integer.toHexString(BODY.length() - 10) + ";ext=1\r\n" + BODY.substring(10) + "\r\n0\r\n\r\n";
            for (int i = 0; i < 2; i++) {
                out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nanthropic-version: 2023-06-01\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + chunked).getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    if (line.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                }
                char[] body = new char[length];
                assertThat(in.read(body, 0, length)).isEqualTo(length); // ASCII body: chars == bytes
                assertThat(Json.parse(new String(body)).get("type").stringValue()).isEqualTo("message");
            }
        }
        assertThat(fake.requests()).extracting(RecordedRequest::body).containsExactly(BODY, BODY);
    }

    @Test
    void requestsAreRecorded() throws Exception {
        var request = authorized("/v1/messages?beta=true").header("anthropic-beta", "tools-2024-04-04")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        send(request);

        RecordedRequest recorded = fake.takeRequest();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/messages?beta=true");
        assertThat(recorded.pathWithoutQuery()).isEqualTo("/v1/messages");
        assertThat(recorded.header("X-Api-Key")).isEqualTo("sk-test");
        assertThat(recorded.header("ANTHROPIC-BETA")).isEqualTo("tools-2024-04-04");
        assertThat(recorded.headers()).containsKey("Anthropic-Version");
        assertThat(recorded.body()).isEqualTo(BODY);
        assertThat(recorded.json().get("max_tokens").intValue()).isEqualTo(100);
        assertThat(fake.requestCount()).isEqualTo(1);
        fake.reset();
        assertThat(fake.requestCount()).isZero();
    }

    // --- the official SDK accepts what the fake sends ---

    @Test
    void officialSdkParsesRepliesStreamsAndErrors() {
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-test")
                .maxRetries(0).build();
        try {
            var params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(100)
                    .addUserMessage("Hi").build();
            Message message = client.messages().create(params);
            assertThat(message.content().getFirst().asText().text()).isEqualTo("Hello from primary");

            fake.replyToolUse("toolu_01A", "get_weather", "{\"location\":\"Paris\"}");
            var accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
                stream.stream().forEach(accumulator::accumulate);
            }
            var toolUse = accumulator.message().content().getFirst().asToolUse();
            assertThat(toolUse.name()).isEqualTo("get_weather");
            assertThat(toolUse._input().toString()).contains("Paris");

            fake.enqueue(Fault.rateLimited(Duration.ofSeconds(7)));
            assertThatThrownBy(() -> client.messages().create(params)).isInstanceOf(RateLimitException.class);
        } finally {
            client.close();
        }
    }

    // --- helpers ---

    private record Event(String name, String data) {
        JsonNode json() {
            return Json.parse(data);
        }
    }

    private URI uri(String path) {
        return URI.create(fake.baseUrl() + path);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .header("x-api-key", "sk-test").header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json");
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(authorized(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<InputStream> postStream(String path, String body) throws IOException, InterruptedException {
        return http.send(authorized(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void assertError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode json = Json.parse(response.body());
        assertThat(json.get("type").stringValue()).isEqualTo("error");
        assertThat(json.at("/error/type").stringValue()).isEqualTo(type);
        assertThat(json.at("/error/message").stringValue()).isNotBlank();
    }

    private static List<Event> readEvents(InputStream body, int max) throws IOException {
        var events = new ArrayList<Event>();
        readEventsInto(body, events);
        return events.subList(0, Math.min(max, events.size()));
    }

    /** Minimal SSE parsing: an event is an {@code event:} line and a {@code data:} line ended by a blank line. */
    private static void readEventsInto(InputStream body, List<Event> events) throws IOException {
        try (var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String data = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event: ")) name = line.substring(7);
                else if (line.startsWith("data: ")) data = line.substring(6);
                else if (line.isEmpty() && data != null) {
                    events.add(new Event(name, data));
                    name = null;
                    data = null;
                }
            }
        }
    }
}
