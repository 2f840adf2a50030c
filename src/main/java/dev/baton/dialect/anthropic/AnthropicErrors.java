package dev.baton.dialect.anthropic;

import dev.baton.dialect.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Errors in Anthropic's shape: {@code {"type":"error","error":{"type":"...","message":"..."}}}. */
public final class AnthropicErrors {
    private static final JsonMapper JSON = Json.MAPPER;

    private AnthropicErrors() {
    }

    /** Anthropic's error type for an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 408, 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    public static byte[] body(String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return JSON.writeValueAsBytes(root);
    }

    /** The same error as an SSE event, for a stream whose headers are already sent. */
    public static byte[] event(String type, String message) {
        String data = new String(body(type, message), StandardCharsets.UTF_8);
        return ("event: error\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
