package dev.baton.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.dialect.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's second deployment: a small OpenAI Chat Completions server on 127.0.0.1 and a free port, so the requests
 * Baton sends it are really translated from Anthropic's Messages API, and its answers back. It answers every request
 * with one text, as a `chat.completion` or streamed as `chat.completion.chunk` events (with the usage chunk when
 * asked, then `[DONE]`), and keeps what it received so the demo can show it.
 */
public final class FakeChatCompletionsServer implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";

    /** One request as it arrived: whether it asked for a stream, and its JSON body. */
    public record Received(boolean stream, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String text;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private FakeChatCompletionsServer(String text) throws IOException {
        this.text = text;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
    }

    /** Starts answering with {@code text} on 127.0.0.1 and a free port. */
    public static FakeChatCompletionsServer start(String text) throws IOException {
        FakeChatCompletionsServer s = new FakeChatCompletionsServer(text);
        s.server.start();
        return s;
    }

    /** The `api_base` for an `openai/` deployment: `http://127.0.0.1:<port>/v1`. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("POST") || !x.getRequestURI().getPath().equals(PATH)) {
                error(x, 404, "no route " + x.getRequestMethod() + " " + x.getRequestURI().getPath() + "; this server has POST " + PATH);
                return;
            }
            byte[] raw = x.getRequestBody().readAllBytes();
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(raw);
            } catch (JacksonException e) {
                error(x, 400, "the body is not JSON");
                return;
            }
            if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
                error(x, 400, "'messages' must be a non-empty array of Chat Completions messages");
                return;
            }
            boolean stream = body.path("stream").asBoolean(false);
            received.add(new Received(stream, new String(raw, StandardCharsets.UTF_8)));
            String id = "chatcmpl-demo" + ids.incrementAndGet();
            String model = body.path("model").asString("");
            ObjectNode usage = usage(raw.length / 4);
            if (stream) {
                stream(x, id, model, body.path("stream_options").path("include_usage").asBoolean(false) ? usage : null);
            } else {
                ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant").put("content", text);
                ObjectNode choice = Json.MAPPER.createObjectNode().put("index", 0).set("message", message);
                choice.put("finish_reason", "stop");
                ObjectNode completion = envelope(id, "chat.completion", model);
                completion.putArray("choices").add(choice);
                completion.set("usage", usage);
                send(x, 200, "application/json", Json.MAPPER.writeValueAsBytes(completion));
            }
        }
    }

    /** The role chunk, the text a word at a time, the finish chunk, the usage chunk (when asked), `[DONE]`. */
    private void stream(HttpExchange x, String id, String model, ObjectNode usage) throws IOException {
        x.getResponseHeaders().set("content-type", "text/event-stream");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        event(out, chunk(id, model, Json.MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (String word : text.split("(?<= )")) event(out, chunk(id, model, Json.MAPPER.createObjectNode().put("content", word), null));
        event(out, chunk(id, model, Json.MAPPER.createObjectNode(), "stop"));
        if (usage != null) {
            ObjectNode last = envelope(id, "chat.completion.chunk", model);
            last.putArray("choices");
            last.set("usage", usage);
            event(out, last);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode choice = Json.MAPPER.createObjectNode().put("index", 0).set("delta", delta);
        choice.put("finish_reason", finishReason);
        ObjectNode chunk = envelope(id, "chat.completion.chunk", model);
        chunk.putArray("choices").add(choice);
        return chunk;
    }

    private static ObjectNode envelope(String id, String object, String model) {
        return Json.MAPPER.createObjectNode().put("id", id).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private ObjectNode usage(int promptTokens) {
        int completionTokens = Math.max(1, text.length() / 4);
        return Json.MAPPER.createObjectNode().put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + Json.MAPPER.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.putObject("error").put("message", message).put("type", "invalid_request_error");
        send(x, status, "application/json", Json.MAPPER.writeValueAsBytes(error));
    }

    private static void send(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        x.getResponseHeaders().set("content-type", contentType);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
