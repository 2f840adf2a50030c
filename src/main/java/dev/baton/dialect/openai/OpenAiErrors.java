package dev.baton.dialect.openai;

import dev.baton.dialect.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/** Errors in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}, typed per HTTP status as OpenAI does. */
public final class OpenAiErrors {
    private OpenAiErrors() {
    }

    public static String typeFor(int status) {
        return switch (status) {
            case 400, 404, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402, 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** OpenAI's `code` for the statuses whose code clients look at, else null. */
    static String codeFor(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "model_not_found";
            case 429 -> "rate_limit_exceeded";
            case 503, 529 -> "overloaded";
            default -> null;
        };
    }

    public static ObjectNode error(int status, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", message == null ? "" : message);
        e.put("type", typeFor(status));
        e.putNull("param");
        String code = codeFor(status);
        if (code == null) e.putNull("code");
        else e.put("code", code);
        return root;
    }

    public static byte[] body(int status, String message) {
        return Json.MAPPER.writeValueAsBytes(error(status, message));
    }

    /** The error as a stream chunk, for a stream whose headers are sent; OpenAI's SDKs raise it as an API error. */
    public static byte[] event(int status, String message) {
        return ("data: " + Json.MAPPER.writeValueAsString(error(status, message)) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
