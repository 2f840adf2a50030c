package dev.baton.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini API JSON and SSE shapes, as in Google's API reference: {@code GenerateContentResponse} bodies, one per SSE
 * {@code data:} line when streaming (no event names, no end marker: the last chunk carries {@code finishReason}), and
 * {@code {"error":{"code","message","status","details"}}} errors.
 */
final class GeminiWire {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d+(?:\\.\\d+)?)s", Pattern.CASE_INSENSITIVE);

    private GeminiWire() {}

    static String newResponseId() {
        var id = new StringBuilder();
        for (int i = 0; i < 22; i++) id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return id.toString();
    }

    /** The reply's parts; {@code signature} goes on the first call, or on the last part when there is none. */
    static List<Map<String, Object>> parts(GeminiReply reply, boolean includeThoughts, String signature) {
        var parts = new ArrayList<Map<String, Object>>();
        boolean signed = false;
        for (GeminiReply.Part p : reply.parts()) {
            switch (p) {
                case GeminiReply.Thought t -> {
                    if (includeThoughts) parts.add(Json.obj("text", t.text(), "thought", true));
                }
                case GeminiReply.Text t -> parts.add(Json.obj("text", t.text()));
                case GeminiReply.Call c -> {
                    Map<String, Object> part = Json.obj("functionCall", Json.obj("name", c.name(), "args", c.args()));
                    if (signature != null && !signed) part.put("thoughtSignature", signature);
                    signed = true;
                    parts.add(part);
                }
            }
        }
        if (signature != null && !signed && !parts.isEmpty()) parts.getLast().put("thoughtSignature", signature);
        return parts;
    }

    static String response(String model, String responseId, List<Map<String, Object>> parts, String finishReason,
                           int promptTokens, GeminiReply reply) {
        return Json.write(chunk(model, responseId, parts, finishReason, usage(promptTokens, reply.outputTokens(), reply.thoughtTokens())));
    }

    /** One chunk per text piece (three pieces a text), consecutive calls together; usage cumulative in each. */
    static List<SseEvent> stream(String model, String responseId, List<Map<String, Object>> parts, String finishReason,
                                 int promptTokens, GeminiReply reply) {
        var chunks = new ArrayList<List<Map<String, Object>>>();
        for (Map<String, Object> part : parts) {
            if (part.containsKey("functionCall")) {
                List<Map<String, Object>> last = chunks.isEmpty() ? null : chunks.getLast();
                if (last != null && last.getFirst().containsKey("functionCall")) last.add(part);
                else chunks.add(new ArrayList<>(List.of(part)));
                continue;
            }
            List<String> pieces = AnthropicWire.split((String) part.get("text"));
            for (int i = 0; i < pieces.size(); i++) {
                Map<String, Object> piece = new LinkedHashMap<>(part);
                piece.put("text", pieces.get(i));
                if (i < pieces.size() - 1) piece.remove("thoughtSignature"); // the signature rides on the last piece
                chunks.add(new ArrayList<>(List.of(piece)));
            }
        }
        if (chunks.isEmpty()) chunks.add(new ArrayList<>());
        var events = new ArrayList<SseEvent>();
        int output = reply.outputTokens();
        for (int i = 0; i < chunks.size(); i++) {
            boolean last = i == chunks.size() - 1;
            int soFar = last ? output : Math.max(1, output * (i + 1) / chunks.size());
            Map<String, Object> usage = usage(promptTokens, soFar, reply.thoughtTokens());
            events.add(new SseEvent(null, Json.write(chunk(model, responseId, chunks.get(i), last ? finishReason : null, usage))));
        }
        return events;
    }

    private static Map<String, Object> chunk(String model, String responseId, List<Map<String, Object>> parts,
                                             String finishReason, Map<String, Object> usage) {
        Map<String, Object> candidate = Json.obj("content", Json.obj("parts", parts, "role", "model"));
        if (finishReason != null) candidate.put("finishReason", finishReason);
        candidate.put("index", 0);
        return Json.obj("candidates", List.of(candidate), "usageMetadata", usage, "modelVersion", model, "responseId", responseId);
    }

    private static Map<String, Object> usage(int prompt, int candidates, int thoughts) {
        Map<String, Object> u = Json.obj("promptTokenCount", prompt, "candidatesTokenCount", candidates,
                "totalTokenCount", prompt + candidates + thoughts);
        if (thoughts > 0) u.put("thoughtsTokenCount", thoughts);
        return u;
    }

    /** Google's error body; a message saying "Please retry in Ns." gets the matching RetryInfo detail, as Google does. */
    static String errorJson(int code, String status, String message) {
        var details = new ArrayList<Map<String, Object>>();
        if (message.contains("API key not valid")) {
            details.add(Json.obj("@type", "type.googleapis.com/google.rpc.ErrorInfo", "reason", "API_KEY_INVALID",
                    "domain", "googleapis.com"));
        }
        Matcher retry = RETRY_IN.matcher(message);
        if (retry.find()) {
            details.add(Json.obj("@type", "type.googleapis.com/google.rpc.RetryInfo",
                    "retryDelay", (long) Math.floor(Double.parseDouble(retry.group(1))) + "s"));
        }
        Map<String, Object> error = Json.obj("code", code, "message", message, "status", status);
        if (!details.isEmpty()) error.put("details", details);
        return Json.write(Json.obj("error", error));
    }

    static String statusFor(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "INTERNAL";
        };
    }

    static int codeFor(String status) {
        return switch (status) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500;
        };
    }

    static String messageFor(String status) {
        return switch (status) {
            case "RESOURCE_EXHAUSTED" -> "Resource has been exhausted (e.g. check quota).";
            case "UNAVAILABLE" -> "The model is overloaded. Please try again later.";
            case "DEADLINE_EXCEEDED" -> "Deadline expired before operation could complete.";
            case "NOT_FOUND" -> "Requested entity was not found.";
            case "UNAUTHENTICATED" -> "Request had invalid authentication credentials.";
            case "PERMISSION_DENIED" -> "The caller does not have permission";
            case "INVALID_ARGUMENT" -> "Request contains an invalid argument.";
            default -> "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
        };
    }
}
