package dev.baton.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/** One dashboard request: its parameters and cookies, and blocking writes of the answer on the request's thread. */
final class UiExchange {
    private static final int MAX_FORM_BYTES = 64 << 10;
    /** Scripts and styles from the dashboard itself only; no framing, no inline script. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    final Request request;
    final Response response;
    final String path;
    final String method;
    private Map<String, String> query;
    private Map<String, String> form;
    UiSessions.Session session;

    UiExchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        this.path = request.getHttpURI().getPath();
        this.method = request.getMethod();
    }

    /** A query parameter, or null when absent or blank. */
    String query(String name) {
        if (query == null) query = decode(request.getHttpURI().getQuery()); // here, so a malformed one is the caller's 400
        return blankToNull(query.get(name));
    }

    /** A field of the POSTed form, or null when absent or blank. */
    String form(String name) {
        if (form == null) form = decode(readForm());
        return blankToNull(form.get(name));
    }

    String cookie(String name) {
        for (String header : request.getHeaders().getValuesList(HttpHeader.COOKIE)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) return pair.substring(eq + 1).strip();
            }
        }
        return null;
    }

    /** A cookie only the dashboard's own pages send back, unreadable by scripts; Secure when the request came over TLS. */
    void setCookie(String name, String value, long maxAgeSeconds) {
        response.getHeaders().add(HttpHeader.SET_COOKIE, name + "=" + value + "; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSeconds
                + (request.isSecure() ? "; Secure" : ""));
    }

    void html(int status, String page) {
        send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), "no-store");
    }

    void json(byte[] body) {
        send(200, "application/json", body, "no-store");
    }

    void text(int status, String message) {
        send(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8), "no-store");
    }

    /** 303: after a POST the browser GETs the target (no resubmission on reload). */
    void redirect(String location) {
        headers("no-store");
        response.setStatus(303);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        write(true, new byte[0]);
    }

    void send(int status, String contentType, byte[] body, String cacheControl) {
        headers(cacheControl);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        write(true, body);
    }

    /** Starts an event stream: headers now, events with {@link #write}. */
    void beginEvents() {
        headers("no-store");
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    }

    void headers(String cacheControl) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "same-origin");
    }

    /** A blocking write; an IOException means the browser went away. */
    void write(boolean last, byte[] bytes) {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(bytes), cb);
            cb.block();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readForm() {
        if (!method.equals("POST")) return new byte[0];
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] b = in.readNBytes(MAX_FORM_BYTES + 1);
            if (b.length > MAX_FORM_BYTES) throw new Refused(413, "form larger than " + (MAX_FORM_BYTES >> 10) + " KB");
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> decode(byte[] body) {
        return decode(new String(body, StandardCharsets.UTF_8));
    }

    /** `a=1&b=2`, URL-decoded; the first value of a repeated name wins. */
    static Map<String, String> decode(String text) {
        Map<String, String> out = new HashMap<>();
        if (text == null || text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A request the dashboard refuses, with the status and a message for the person. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
