package dev.baton.provider.google;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.Json;
import dev.baton.provider.HttpTransport;
import dev.baton.provider.OutgoingBody;
import dev.baton.provider.Timeouts;
import dev.baton.provider.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OAuth access tokens for Google Cloud (Vertex AI), from {@link GoogleCredentials}: a service account signs a JWT
 * (RS256, claims {@code iss}, {@code scope}, {@code aud} = the file's {@code token_uri}, {@code iat}, {@code exp}) and
 * exchanges it at {@code token_uri}; an authorized user exchanges its refresh token there. A token is reused until a
 * minute before it expires, and one request at a time fetches a new one while the others wait for it (single flight).
 * Tokens and keys never appear in failures or logs.
 */
public final class AccessTokens {
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(30));
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private record Token(String value, Instant expires) {
    }

    private final GoogleCredentials credentials;
    private final HttpTransport transport;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock(); // not synchronized: callers are virtual threads
    private volatile Token current;

    public AccessTokens(GoogleCredentials credentials, HttpTransport transport, Clock clock) {
        this.credentials = credentials;
        this.transport = transport;
        this.clock = clock;
    }

    /** A valid access token, fetched only when the cached one is missing or about to expire. */
    public String token() throws FailureException {
        Token t = current;
        if (fresh(t)) return t.value;
        refreshing.lock();
        try {
            t = current;
            if (fresh(t)) return t.value;
            t = fetch();
            current = t;
            return t.value;
        } finally {
            refreshing.unlock();
        }
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().plus(REFRESH_MARGIN).isBefore(t.expires);
    }

    private Token fetch() throws FailureException {
        Instant now = clock.instant();
        String form = credentials.isServiceAccount()
                ? "grant_type=" + encode("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + encode(assertion(now))
                : "grant_type=refresh_token&client_id=" + encode(credentials.clientId()) + "&client_secret="
                        + encode(credentials.clientSecret()) + "&refresh_token=" + encode(credentials.refreshToken());
        URI uri = URI.create(credentials.tokenUri());
        byte[] body;
        int status;
        try (UpstreamResponse r = transport.post(uri, Map.of("content-type", "application/x-www-form-urlencoded"),
                OutgoingBody.of(form.getBytes(StandardCharsets.US_ASCII)), false, TIMEOUTS)) {
            status = r.status();
            body = r.body().readNBytes(1 << 20);
        } catch (IOException e) {
            throw new FailureException(HttpTransport.duringBody(e, true));
        }
        JsonNode json = parse(body);
        String token = json.path("access_token").asString(null);
        if (status != 200 || token == null) {
            String why = json.path("error").asString("") + (json.has("error_description") ? " (" + json.path("error_description").asString() + ")" : "");
            throw new FailureException(new Failure.Misconfigured(401, "Google token exchange at " + uri.getHost()
                    + " failed: HTTP " + status + (why.isBlank() ? "" : " " + why.strip())));
        }
        long expiresIn = json.path("expires_in").asLong(LIFETIME.toSeconds());
        LOG.debug("new Google access token for {} from {}, valid for {} s", credentials, uri.getHost(), expiresIn);
        return new Token(token, now.plusSeconds(expiresIn));
    }

    /** The signed JWT a service account trades for an access token (RFC 7523). */
    String assertion(Instant now) {
        ObjectNode header = Json.MAPPER.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (credentials.privateKeyId() != null) header.put("kid", credentials.privateKeyId());
        ObjectNode claims = Json.MAPPER.createObjectNode()
                .put("iss", credentials.clientEmail())
                .put("scope", SCOPE)
                .put("aud", credentials.tokenUri())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = URL.encodeToString(Json.MAPPER.writeValueAsBytes(header)) + "."
                + URL.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(credentials.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the service account's key", e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AccessTokens[" + credentials + "]";
    }
}
