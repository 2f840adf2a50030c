package dev.baton.server;

import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.anthropic.AnthropicDialect;
import dev.baton.dialect.openai.OpenAiDialect;
import dev.baton.journal.WebhookIntake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's routes. Runs each request on its own virtual thread and answers every error in Anthropic's shape. */
final class BatonHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(BatonHandler.class);
    private static final byte[] HEALTHY = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);

    private final Gateway gateway;
    private static final CallerDialect OPENAI = new OpenAiDialect();

    private final ChatEndpoint messages;
    private final ChatEndpoint chatCompletions;
    private final CountTokensEndpoint countTokens;
    private final ModelsEndpoint models;
    private final int maxBodyBytes;

    BatonHandler(Gateway gateway, StreamKeepAlive keepAlive) {
        this.gateway = gateway;
        this.messages = new ChatEndpoint(gateway, AnthropicDialect.INSTANCE, keepAlive);
        this.chatCompletions = new ChatEndpoint(gateway, OPENAI, keepAlive);
        this.countTokens = new CountTokensEndpoint(gateway);
        this.models = new ModelsEndpoint(gateway);
        this.maxBodyBytes = gateway.config().baton().maxBodyMb() << 20;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        ClientResponse out = new ClientResponse(response);
        CallerDialect dialect = dialectFor(request.getHttpURI().getPath());
        try {
            route(request, out, start);
            if (!out.committed()) HttpErrors.send(out, dialect, 500, "no response was produced");
            callback.succeeded();
        } catch (ClientGoneException gone) {
            LOG.debug("client went away: {}", request.getHttpURI().getPath());
            callback.failed(gone.getCause());
        } catch (HttpErrors.BadRequest bad) {
            finishWithError(out, dialect, bad.status, bad.getMessage(), callback);
        } catch (RuntimeException e) {
            LOG.error("request {} failed inside Baton", request.getHttpURI().getPath(), e);
            finishWithError(out, dialect, 500, "internal error in Baton: " + e.getClass().getSimpleName(), callback);
        }
        return true;
    }

    /** Errors are answered in the dialect of the route the caller used. */
    private static CallerDialect dialectFor(String path) {
        return isChatCompletions(path) ? OPENAI : AnthropicDialect.INSTANCE;
    }

    private static boolean isChatCompletions(String path) {
        return path.equals("/v1/chat/completions") || path.equals("/chat/completions")
                || path.equals("/v1/chat/completions/") || path.equals("/chat/completions/");
    }

    private void finishWithError(ClientResponse out, CallerDialect dialect, int status, String message, Callback callback) {
        try {
            if (!out.committed()) HttpErrors.send(out, dialect, status, message);
            callback.succeeded();
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    private void route(Request request, ClientResponse out, long start) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.equals("/") || path.equals("/health") || path.equals("/health/liveliness") || path.equals("/health/readiness")) {
            if (!method.equals("GET") && !method.equals("HEAD")) throw new HttpErrors.BadRequest(405, "use GET or HEAD on " + path);
            out.send(200, Map.of(), "application/json", method.equals("HEAD") ? new byte[0] : HEALTHY);
            return;
        }
        Caller caller = gateway.auth().authenticate(request.getHeaders());
        if (caller == null) {
            throw new HttpErrors.BadRequest(401, "invalid or missing Baton key: send the master key as x-api-key, "
                    + "Authorization: Bearer, or x-baton-key (when your own credentials go to the upstream)");
        }
        Exchange ex = new Exchange(out, caller, start);
        switch (path) {
            case "/v1/messages" -> {
                requirePost(method, path);
                messages.handle(ex, body(request), request.getHeaders().get("x-claude-code-session-id"));
            }
            case "/v1/chat/completions", "/chat/completions" -> {
                requirePost(method, path);
                chatCompletions.handle(ex, body(request), request.getHeaders().get("x-claude-code-session-id"));
            }
            case "/v1/messages/count_tokens" -> {
                requirePost(method, path);
                countTokens.handle(ex, body(request));
            }
            case "/v1/models", "/models" -> {
                if (!method.equals("GET")) throw new HttpErrors.BadRequest(405, "use GET on " + path);
                boolean anthropic = request.getHeaders().get("anthropic-version") != null;
                out.send(200, Map.of(), "application/json", models.render(anthropic));
            }
            case "/webhook" -> {
                requirePost(method, path);
                out.send(200, Map.of(), "application/json", webhook(body(request)));
            }
            default -> throw new HttpErrors.BadRequest(404, "no route " + method + " " + path
                    + " (Baton serves POST /v1/messages, POST /v1/chat/completions, POST /v1/messages/count_tokens, GET /v1/models, GET /health)");
        }
    }

    /** A switch reported from outside, journaled like Baton's own (needs the master key when one is set). */
    private byte[] webhook(byte[] body) {
        try {
            return gateway.journal().webhook(body);
        } catch (WebhookIntake.InvalidEvent bad) {
            throw new HttpErrors.BadRequest(400, bad.getMessage());
        }
    }

    private static void requirePost(String method, String path) {
        if (!method.equals("POST")) throw new HttpErrors.BadRequest(405, "use POST on " + path);
    }

    private byte[] body(Request request) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) throw tooLarge();
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    private HttpErrors.BadRequest tooLarge() {
        return new HttpErrors.BadRequest(413, "request body larger than " + (maxBodyBytes >> 20) + " MB (baton.max_body_mb)");
    }

}
