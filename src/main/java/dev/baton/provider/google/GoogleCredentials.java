package dev.baton.provider.google;

import dev.baton.dialect.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * A Google credentials file: a service account's key ({@code "type": "service_account"}) or a user's refresh token
 * from {@code gcloud auth application-default login} ({@code "type": "authorized_user"}). Access tokens are obtained
 * at the file's own {@code token_uri}, which lets tests point it at a local fake. Its toString shows no secret.
 */
public final class GoogleCredentials {
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    private final String type;
    private final String clientEmail;
    private final String privateKeyId;
    private final PrivateKey privateKey;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final String tokenUri;
    private final String projectId;

    private GoogleCredentials(JsonNode json) {
        this.type = json.path("type").asString("service_account");
        this.clientEmail = json.path("client_email").asString(null);
        this.privateKeyId = json.path("private_key_id").asString(null);
        this.clientId = json.path("client_id").asString(null);
        this.clientSecret = json.path("client_secret").asString(null);
        this.refreshToken = json.path("refresh_token").asString(null);
        this.tokenUri = json.path("token_uri").asString(DEFAULT_TOKEN_URI);
        this.projectId = json.path("project_id").asString(json.path("quota_project_id").asString(null));
        if (isServiceAccount()) {
            if (clientEmail == null || !json.path("private_key").isString()) {
                throw new IllegalArgumentException("a service account file needs client_email and private_key");
            }
            this.privateKey = privateKey(json.path("private_key").asString());
        } else if (type.equals("authorized_user")) {
            if (clientId == null || clientSecret == null || refreshToken == null) {
                throw new IllegalArgumentException("an authorized_user file needs client_id, client_secret and refresh_token");
            }
            this.privateKey = null;
        } else {
            throw new IllegalArgumentException("credentials of type '" + type + "' are not supported (service_account or authorized_user)");
        }
    }

    /**
     * Reads credentials given as the JSON itself (it starts with '{') or as the path of a JSON file, as LiteLLM's
     * {@code vertex_credentials} and {@code GOOGLE_APPLICATION_CREDENTIALS} allow.
     *
     * @throws IllegalArgumentException when they cannot be read; the message names the problem, never a secret
     */
    public static GoogleCredentials parse(String jsonOrPath) {
        String text = jsonOrPath.strip();
        if (!text.startsWith("{")) {
            try {
                text = Files.readString(Path.of(text));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the credentials file " + jsonOrPath + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the credentials are not JSON");
        }
        if (!json.isObject()) throw new IllegalArgumentException("the credentials are not a JSON object");
        return new GoogleCredentials(json);
    }

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the service account's private_key is not a PKCS#8 RSA key");
        }
    }

    public boolean isServiceAccount() {
        return type.equals("service_account");
    }

    public String tokenUri() {
        return tokenUri;
    }

    /** The project the credentials belong to, or null. */
    public String projectId() {
        return projectId;
    }

    String clientEmail() {
        return clientEmail;
    }

    String privateKeyId() {
        return privateKeyId;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    String refreshToken() {
        return refreshToken;
    }

    @Override
    public String toString() {
        return "GoogleCredentials[" + type + (clientEmail != null ? " " + clientEmail : "") + "]";
    }
}
