package dev.baton.provider;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one HTTP client every HTTP provider shares: pooled keep-alive connections, a short connect timeout, and
 * failures turned into {@link Failure} values before the first byte.
 */
public final class HttpTransport implements AutoCloseable {

    private final HttpClient client;

    public HttpTransport(Duration connectTimeout) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("baton-upstream");
        pool.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(pool);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setMaxConnectionsPerDestination(4096);
        client.setMaxRequestsQueuedPerDestination(16384);
        client.setFollowRedirects(false);
        client.setUserAgentField(null); // the caller's user-agent is forwarded when there is one
        client.getContentDecoderFactories().clear(); // pass bytes through as the upstream sent them
        try {
            client.start();
            // A 401/407 is the upstream's answer to pass on or fall back from, not a challenge for Jetty to handle:
            // its handlers fail the exchange when the header is missing, as it is in Anthropic's 401s.
            client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
            client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream HTTP client", e);
        }
    }

    /** Sends a POST and waits for the response headers. */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, boolean stream, Timeouts timeouts)
            throws FailureException {
        // A non-streamed answer arrives only when the model has finished, so silence is normal until then.
        Duration idle = stream ? timeouts.idle() : timeouts.total();
        Duration firstByte = stream ? timeouts.firstByte() : timeouts.total();
        Request request = client.newRequest(uri)
                .method(HttpMethod.POST)
                .timeout(timeouts.total().toMillis(), TimeUnit.MILLISECONDS)
                .idleTimeout(idle.toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> headers.forEach(h::put))
                .body(new BytesRequestContent(headers.getOrDefault("content-type", "application/json"), body));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response;
        try {
            response = listener.get(firstByte.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            throw new FailureException(new Failure.TimedOut(Failure.Phase.FIRST_BYTE,
                    "no response from " + hostOf(uri) + " within " + firstByte.toSeconds() + " s"));
        } catch (ExecutionException e) {
            throw new FailureException(beforeHeaders(uri, e.getCause()));
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new FailureException(new Failure.Reset(true, "interrupted"));
        }
        return new JettyResponse(request, response, listener.getInputStream());
    }

    static Failure beforeHeaders(URI uri, Throwable cause) {
        String host = hostOf(uri);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) return new Failure.Reset(true, "connection refused by " + host);
            if (t instanceof java.net.SocketTimeoutException || t instanceof TimeoutException) {
                String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                Failure.Phase phase = msg.contains("connect") ? Failure.Phase.CONNECT : Failure.Phase.FIRST_BYTE;
                return new Failure.TimedOut(phase, phase == Failure.Phase.CONNECT
                        ? "could not connect to " + host + " in time" : "no response from " + host + " in time");
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return new Failure.Reset(true, "cannot resolve " + host);
            }
        }
        return new Failure.Reset(true, "connection to " + host + " failed before the response: " + simpleName(cause));
    }

    /** Names a failure inside a body read, for the detail of a {@link Failure}. */
    public static Failure duringBody(IOException e, boolean beforeContent) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new Failure.TimedOut(Failure.Phase.IDLE, "the upstream stream stalled");
            }
        }
        return new Failure.Reset(beforeContent, "the upstream connection broke: " + simpleName(e));
    }

    private static String simpleName(Throwable t) {
        return t == null ? "unknown" : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
    }

    private static String hostOf(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception ignored) {
            // shutting down
        }
    }

    private static final class JettyResponse implements UpstreamResponse {
        private final Request request;
        private final Response response;
        private final InputStream body;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();

        JettyResponse(Request request, Response response, InputStream body) {
            this.request = request;
            this.response = response;
            this.body = body;
            for (HttpField f : response.getHeaders()) {
                if (f.getHeader() == HttpHeader.TRANSFER_ENCODING || f.getHeader() == HttpHeader.CONNECTION) continue;
                headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>(1)).add(f.getValue());
            }
        }

        public int status() { return response.getStatus(); }

        public Map<String, List<String>> headers() { return headers; }

        public InputStream body() { return body; }

        public void abort() {
            request.abort(new IOException("aborted by Baton"));
            try {
                body.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
