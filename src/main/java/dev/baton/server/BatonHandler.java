package dev.baton.server;

import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.anthropic.AnthropicDialect;
import dev.baton.journal.WebhookIntake;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's routes. Runs each request on its own virtual thread and answers every error in Anthropic's shape. */
final class BatonHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(BatonHandler.class);
    private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final byte[] HEALTHY = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);

    private final Gateway gateway;

    private final ChatEndpoint messages;
    private final ChatEndpoint chatCompletions;
    private final CountTokensEndpoint countTokens;
    private final ModelsEndpoint models;
    private final KeyEndpoints keys;
    private final StatsEndpoint stats;
    private final AdminEndpoints admin;
    private final BodyReader bodies;

    private final Drain drain;

    BatonHandler(Gateway gateway, StreamKeepAlive keepAlive, Drain drain) {
        this.gateway = gateway;
        this.drain = drain;
        this.messages = new ChatEndpoint(gateway, AnthropicDialect.INSTANCE, keepAlive);
        this.chatCompletions = new ChatEndpoint(gateway, RouteDialect.OPENAI, keepAlive);
        this.countTokens = new CountTokensEndpoint(gateway);
        this.models = new ModelsEndpoint(gateway);
        this.keys = new KeyEndpoints(gateway.keys(), gateway.metering().limits());
        this.stats = new StatsEndpoint(gateway);
        this.admin = new AdminEndpoints(gateway, gateway.routingSettings());
        this.bodies = new BodyReader(gateway.config().baton().maxBodyMb() << 20, gateway.config().baton().bodyReadTimeout());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        ClientResponse out = new ClientResponse(response);
        CallerDialect dialect = RouteDialect.of(request.getHttpURI().getPath());
        if (!drain.enter()) { // shutting down: a request on a kept-alive connection goes elsewhere
            finishWithError(request, out, dialect, 503, "Baton is shutting down; retry shortly",
                    Map.of("retry-after", "1", "connection", "close"), callback);
            return true;
        }
        Exchange[] exchange = new Exchange[1];
        try {
            route(request, out, start, exchange);
            if (!out.committed()) HttpErrors.send(out, dialect, 500, "no response was produced");
            callback.succeeded();
        } catch (ClientGoneException gone) {
            LOG.debug("client went away: {}", request.getHttpURI().getPath());
            callback.failed(gone.getCause());
        } catch (dev.baton.routing.FallbackEngine.ShuttingDown down) {
            shuttingDown(request, out, dialect, callback);
        } catch (HttpErrors.BadRequest bad) {
            finishWithError(request, out, dialect, bad.status, bad.getMessage(), bad.headers, callback);
        } catch (InvalidRequestException bad) { // a body only a full parse could refuse
            finishWithError(request, out, dialect, 400, bad.getMessage(), Map.of(), callback);
        } catch (OutOfMemoryError e) { // the request's garbage is collectable now; the next one may well fit
            LOG.error("request {} ({} bytes declared) ran Baton out of memory", request.getHttpURI().getPath(), request.getLength());
            finishWithError(request, out, dialect, 503, "Baton ran out of memory for this request; retry shortly, or send a smaller one",
                    Map.of("retry-after", "5"), callback);
        } catch (RuntimeException | Error e) { // a defect: the caller still gets JSON in its dialect, never Jetty's HTML page
            LOG.error("request {} failed inside Baton", request.getHttpURI().getPath(), e);
            finishWithError(request, out, dialect, 500, "internal error in Baton: " + e.getClass().getSimpleName(), Map.of(), callback);
        } finally {
            if (exchange[0] != null) exchange[0].finish(); // the usage record, with the status the caller got
            drain.exit();
        }
        return true;
    }

    /**
     * The grace period of a shutdown is over: a stream already under way ends with an error event its client
     * retries on (Anthropic's overloaded_error), a request not yet answered gets a 503 to retry elsewhere.
     */
    private void shuttingDown(Request request, ClientResponse out, CallerDialect dialect, Callback callback) {
        String message = "Baton is shutting down; please retry.";
        try {
            if (out.committed()) {
                out.stream(dialect.errorEvent(529, message), true);
                out.end();
                callback.succeeded();
            } else {
                finishWithError(request, out, dialect, 503, message, Map.of("retry-after", "1", "connection", "close"), callback);
            }
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    private void finishWithError(Request request, ClientResponse out, CallerDialect dialect, int status, String message,
                                 Map<String, String> headers, Callback callback) {
        try {
            if (!out.committed()) {
                bodies.discardUnread(request); // a client still sending would lose the answer to the reset of an unread body
                HttpErrors.send(out, dialect, status, message, headers);
            }
            callback.succeeded();
        } catch (RuntimeException | Error e) {
            callback.failed(e);
        }
    }

    private void route(Request request, ClientResponse out, long start, Exchange[] exchange) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.equals("/") || path.equals("/health") || path.equals("/health/liveliness") || path.equals("/health/readiness")) {
            if (!method.equals("GET") && !method.equals("HEAD")) throw new HttpErrors.BadRequest(405, "use GET or HEAD on " + path);
            out.send(200, Map.of(), "application/json", method.equals("HEAD") ? new byte[0] : HEALTHY);
            return;
        }
        if (path.equals("/metrics") && !gateway.config().general().metricsNeedAuth()) { // as LiteLLM: open unless asked
            out.send(200, Map.of(), METRICS_TYPE, gateway.metrics().scrape().getBytes(StandardCharsets.UTF_8));
            return;
        }
        Caller caller = gateway.auth().authenticate(request.getHeaders());
        if (caller == null) {
            throw new HttpErrors.BadRequest(401, "invalid or missing Baton key: send the master key or a virtual key as x-api-key, "
                    + "Authorization: Bearer, or x-baton-key (when your own credentials go to the upstream)");
        }
        Exchange ex = new Exchange(out, caller, start);
        exchange[0] = ex;
        String query = request.getHttpURI().getQuery();
        if (path.startsWith("/admin/")) {
            requireAdmin(caller);
            out.send(200, Map.of(), "application/json", admin.handle(method, path, () -> body(request)));
            return;
        }
        switch (path) {
            case "/v1/messages" -> {
                requirePost(method, path);
                requireTraffic(caller);
                run(messages.handle(ex, body(request), request.getHeaders().get("x-claude-code-session-id")));
            }
            case "/v1/chat/completions", "/chat/completions" -> {
                requirePost(method, path);
                requireTraffic(caller);
                run(chatCompletions.handle(ex, body(request), request.getHeaders().get("x-claude-code-session-id")));
            }
            case "/v1/messages/count_tokens" -> {
                requirePost(method, path);
                requireTraffic(caller);
                countTokens.handle(ex, body(request));
            }
            case "/key/generate" -> {
                requirePost(method, path);
                requireAdmin(caller);
                out.send(200, Map.of(), "application/json", keys.generate(body(request)));
            }
            case "/key/info" -> out.send(200, Map.of(), "application/json", keys.info(KeyEndpoints.query(query, "key").orElse(null), caller));
            case "/key/delete" -> {
                requirePost(method, path);
                requireAdmin(caller);
                out.send(200, Map.of(), "application/json", keys.delete(body(request)));
            }
            case "/key/list" -> {
                requireAdmin(caller);
                out.send(200, Map.of(), "application/json", keys.list());
            }
            case "/stats" -> out.send(200, Map.of(), "application/json", stats.render(query, caller));
            case "/metrics" -> {
                requireAdmin(caller);
                out.send(200, Map.of(), METRICS_TYPE, gateway.metrics().scrape().getBytes(StandardCharsets.UTF_8));
            }
            case "/v1/models", "/models" -> {
                if (!method.equals("GET")) throw new HttpErrors.BadRequest(405, "use GET on " + path);
                boolean anthropic = request.getHeaders().get("anthropic-version") != null;
                out.send(200, Map.of(), "application/json", models.render(anthropic, caller.key()));
            }
            case "/webhook" -> {
                requirePost(method, path);
                if (!gateway.auth().open()) requireAdmin(caller); // a virtual key carries traffic, it does not journal
                out.send(200, Map.of(), "application/json", webhook(body(request)));
            }
            default -> throw new HttpErrors.BadRequest(404, "no route " + method + " " + path
                    + " (Baton serves POST /v1/messages, POST /v1/chat/completions, POST /v1/messages/count_tokens, GET /v1/models, "
                    + "GET /health, GET /metrics, GET /stats, /key/generate, /key/info, /key/delete, /key/list, POST /webhook, /admin/..., /ui)");
        }
    }

    /** The rest of a stream, run once the endpoint's frame (and the request body it held) is gone. */
    private static void run(Runnable rest) {
        if (rest != null) rest.run();
    }

    /** The master key may be kept to administration (see {@link Auth}). */
    private void requireTraffic(Caller caller) {
        if (!gateway.auth().mayRouteTraffic(caller)) {
            throw new HttpErrors.BadRequest(403, "the master key is for administration only here "
                    + "(general_settings.allow_master_key_traffic: false): send a virtual key (baton keys create)");
        }
    }

    private void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new HttpErrors.BadRequest(gateway.auth().open() ? 403 : 401, gateway.auth().open()
                    ? "key management over HTTP needs a master key (general_settings.master_key); `baton keys` works without one"
                    : "this route needs the master key");
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
        return bodies.read(request);
    }

}
