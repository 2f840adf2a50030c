package dev.baton.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A fake Google OAuth token endpoint ({@code POST /token}) for a service account it made itself: it hands out the
 * account's credentials JSON (with this server as {@code token_uri}), verifies each JWT assertion's RS256 signature
 * with the account's public key and its claims ({@code iss}, {@code aud}, {@code scope}, {@code exp}), and issues
 * access tokens that {@link FakeVertex} accepts. Refresh-token grants for an "authorized_user" file work too.
 */
public final class FakeTokenServer implements AutoCloseable {
    public static final String CLIENT_EMAIL = "baton-test@baton-project.iam.gserviceaccount.com";
    private static final String CLIENT_ID = "client-id-1";
    private static final String CLIENT_SECRET = "client-secret-1";
    private static final String REFRESH_TOKEN = "refresh-token-1";

    private final KeyPair keys;
    private final FakeServer server;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger exchanges = new AtomicInteger();
    private volatile long expiresIn = 3599;

    private FakeTokenServer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.server = FakeServer.start("google-oauth", new OAuthDialect());
    }

    public static FakeTokenServer start() {
        return new FakeTokenServer();
    }

    public String tokenUri() {
        return server.baseUrl() + "/token";
    }

    /** The service account's key file, as the Cloud console downloads it, pointing at this server. */
    public String serviceAccountJson(String projectId) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Json.write(Json.obj("type", "service_account", "project_id", projectId, "private_key_id", "key-1",
                "private_key", pem, "client_email", CLIENT_EMAIL, "client_id", "1234567890",
                "auth_uri", "https://accounts.google.com/o/oauth2/auth", "token_uri", tokenUri()));
    }

    /** Application default credentials of a user ({@code gcloud auth application-default login}). */
    public String authorizedUserJson() {
        return Json.write(Json.obj("type", "authorized_user", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                "refresh_token", REFRESH_TOKEN, "token_uri", tokenUri()));
    }

    /** Lifetime of the tokens issued from now on. */
    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    public boolean issued(String accessToken) {
        return issued.contains(accessToken);
    }

    /** Successful token exchanges so far. */
    public int exchanges() {
        return exchanges.get();
    }

    public FakeServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    private final class OAuthDialect implements Dialect {
        @Override
        public FakeResponse respond(RecordedRequest request) {
            if (!request.method().equals("POST") || !request.pathWithoutQuery().equals("/token")) return error(404, "not_found", "Not Found");
            Map<String, String> form = form(request.body());
            String grant = form.getOrDefault("grant_type", "");
            String problem = switch (grant) {
                case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> checkAssertion(form.get("assertion"));
                case "refresh_token" -> CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"))
                        && REFRESH_TOKEN.equals(form.get("refresh_token")) ? null : "Bad Request";
                default -> "Invalid grant_type: " + grant;
            };
            if (problem != null) return error(400, "invalid_grant", problem);
            String token = "ya29.fake-" + exchanges.incrementAndGet();
            issued.add(token);
            return FakeResponse.json(200, Json.write(Json.obj("access_token", token, "expires_in", expiresIn, "token_type", "Bearer")));
        }

        /** Null when the JWT is signed by the account's key and claims what Google requires. */
        private String checkAssertion(String jwt) {
            String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
            if (parts.length != 3) return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
            Base64.Decoder url = Base64.getUrlDecoder();
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(keys.getPublic());
                rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                if (!rsa.verify(url.decode(parts[2]))) return "Invalid JWT Signature.";
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return "Invalid JWT Signature.";
            }
            JsonNode header = Json.parse(new String(url.decode(parts[0]), StandardCharsets.UTF_8));
            JsonNode claims = Json.parse(new String(url.decode(parts[1]), StandardCharsets.UTF_8));
            if (!"RS256".equals(header.path("alg").asString(""))) return "Invalid JWT: alg";
            if (!CLIENT_EMAIL.equals(claims.path("iss").asString(""))) return "Invalid JWT: iss";
            if (!tokenUri().equals(claims.path("aud").asString(""))) return "Invalid JWT: audience";
            if (!claims.path("scope").asString("").contains("https://www.googleapis.com/auth/cloud-platform")) return "Invalid JWT: scope";
            long iat = claims.path("iat").asLong(0);
            long exp = claims.path("exp").asLong(0);
            if (exp <= iat || exp - iat > 3600) return "Invalid JWT: Token must be a short-lived token (60 minutes)";
            return null;
        }

        @Override
        public FakeResponse error(int status, String errorType, String message) {
            return FakeResponse.json(status, Json.write(Json.obj("error", errorType != null ? errorType : "server_error",
                    "error_description", message != null ? message : "error")));
        }

        @Override
        public SseEvent streamError(String errorType, String message) {
            return new SseEvent(null, Json.write(Json.obj("error", errorType)));
        }

        @Override
        public int statusFor(String errorType) {
            return 400;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
