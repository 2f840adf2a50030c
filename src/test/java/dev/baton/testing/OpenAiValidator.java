package dev.baton.testing;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a Chat Completions request as OpenAI (and, by {@link FakeOpenAi.Profile}, a stricter vendor) would, so that
 * tests catch bad translation: message order and shapes, tool messages answering the preceding assistant's tool calls
 * one to one, tool_choice only with tools, stream_options only with stream. Returns the vendor's error message, or null.
 */
final class OpenAiValidator {
    private static final Set<String> OPENAI_MESSAGE_FIELDS = Set.of("role", "content", "name", "tool_calls", "tool_call_id", "refusal", "audio");
    private static final Set<String> CHOICES = Set.of("auto", "none", "required");

    private OpenAiValidator() {}

    static String validate(JsonNode body, FakeOpenAi.Profile p) {
        for (String field : body.propertyNames()) {
            if (p.rejectedFields().contains(field) || p.acceptedFields() != null && !p.acceptedFields().contains(field)) {
                return "Extra inputs are not permitted: '" + field + "'";
            }
        }
        if (!body.path("model").isString() || body.get("model").asString().isEmpty()) return "you must provide a model parameter";
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) return "'messages' must be a non-empty array";
        String error = messages(messages, p);
        if (error != null) return error;
        error = tools(body, p);
        if (error != null) return error;
        if (body.has("stream_options") && !body.path("stream").asBoolean(false)) return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
        if (body.has("max_tokens") && body.has("max_completion_tokens")) return "max_tokens and max_completion_tokens cannot both be set";
        for (String f : new String[] {"max_tokens", "max_completion_tokens"}) {
            JsonNode n = body.get(f);
            if (n == null) continue;
            if (!n.isIntegralNumber() || n.asInt() < 1) return "Invalid '" + f + "': must be a positive integer";
            if (p.maxTokensLimit() != null && n.asInt() > p.maxTokensLimit()) {
                return "Invalid max_tokens value, the valid range of max_tokens is [1, " + p.maxTokensLimit() + "]";
            }
        }
        if (body.has("temperature") && (!body.get("temperature").isNumber() || body.get("temperature").asDouble() > 2)) return "Invalid 'temperature'";
        JsonNode stop = body.get("stop");
        if (stop != null && !stop.isString() && !(stop.isArray() && stop.size() <= 4)) return "Invalid 'stop': at most 4 sequences";
        return null;
    }

    private static String messages(JsonNode messages, FakeOpenAi.Profile p) {
        Set<String> pending = new LinkedHashSet<>(); // tool calls of the last assistant message still without a response
        String previousRole = "";
        int i = 0;
        for (JsonNode m : messages) {
            String at = "messages[" + i++ + "]";
            String role = m.path("role").asString("");
            if (p.strictMessageFields()) {
                for (String f : m.propertyNames()) {
                    if (!OPENAI_MESSAGE_FIELDS.contains(f)) return "Additional properties are not allowed ('" + f + "' was unexpected) - '" + at + "'";
                }
            }
            if (!p.messageName() && m.has("name")) return "'" + at + ".name' : property 'name' is unsupported";
            if (!role.equals("tool") && !pending.isEmpty()) {
                return "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. "
                        + "The following tool_call_ids did not have response messages: " + String.join(", ", pending);
            }
            if (p.assistantAfterTool() && role.equals("user") && previousRole.equals("tool")) return "Unexpected role 'user' after role 'tool'";
            String error = switch (role) {
                case "system", "developer" -> textContent(m.get("content"), at, false);
                case "user" -> userContent(m.get("content"), at);
                case "assistant" -> assistant(m, at, p, pending);
                case "tool" -> tool(m, at, p, pending);
                default -> "Invalid value: '" + role + "'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.";
            };
            if (error != null) return error;
            previousRole = role;
        }
        if (!pending.isEmpty()) {
            return "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. "
                    + "The following tool_call_ids did not have response messages: " + String.join(", ", pending);
        }
        return null;
    }

    private static String assistant(JsonNode m, String at, FakeOpenAi.Profile p, Set<String> pending) {
        JsonNode calls = m.get("tool_calls");
        boolean hasCalls = calls != null && calls.isArray() && !calls.isEmpty();
        JsonNode content = m.get("content");
        if ((content == null || content.isNull()) && !hasCalls) return "Invalid '" + at + "': content is required unless tool_calls is set";
        if (content != null && !content.isNull()) {
            String error = textContent(content, at, true);
            if (error != null) return error;
        }
        if (!hasCalls) return null;
        for (JsonNode c : calls) {
            String id = c.path("id").asString("");
            if (id.isEmpty() || !"function".equals(c.path("type").asString("")) || !c.path("function").path("name").isString()
                    || !c.path("function").path("arguments").isString()) {
                return "Invalid '" + at + ".tool_calls': each needs id, type 'function', function.name and function.arguments (a string)";
            }
            if (p.nineCharToolIds() && !id.matches("[a-zA-Z0-9]{9}")) return "Tool call id was " + id + " but must be a-z, A-Z, 0-9, with a length of 9.";
            pending.add(id);
        }
        if (p.requireReasoningEcho() && !m.path("reasoning_content").isString()) {
            return "The reasoning_content in the thinking mode must be passed back to the API.";
        }
        return null;
    }

    private static String tool(JsonNode m, String at, FakeOpenAi.Profile p, Set<String> pending) {
        String id = m.path("tool_call_id").asString("");
        if (p.nineCharToolIds() && !id.matches("[a-zA-Z0-9]{9}")) return "Tool call id was " + id + " but must be a-z, A-Z, 0-9, with a length of 9.";
        if (!pending.remove(id)) {
            return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'. ('" + at + "', id " + id + ")";
        }
        return textContent(m.get("content"), at, false);
    }

    private static String textContent(JsonNode content, String at, boolean allowRefusal) {
        if (content == null) return "Missing required parameter: '" + at + ".content'";
        if (content.isString()) return null;
        if (!content.isArray()) return "Invalid type for '" + at + ".content': expected a string or an array";
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if (!(type.equals("text") && part.path("text").isString()) && !(allowRefusal && type.equals("refusal"))) {
                return "Invalid content part in '" + at + "': type '" + type + "' is not allowed here";
            }
        }
        return null;
    }

    private static String userContent(JsonNode content, String at) {
        if (content == null || content.isNull()) return "Missing required parameter: '" + at + ".content'";
        if (content.isString()) return null;
        if (!content.isArray() || content.isEmpty()) return "Invalid type for '" + at + ".content'";
        for (JsonNode part : content) {
            switch (part.path("type").asString("")) {
                case "text" -> {
                    if (!part.path("text").isString()) return "Invalid '" + at + "': text parts need text";
                }
                case "image_url" -> {
                    String url = part.path("image_url").path("url").asString("");
                    if (!(url.startsWith("http://") || url.startsWith("https://") || url.matches("data:image/[a-z+.-]+;base64,.+"))) {
                        return "Invalid image URL in '" + at + "'";
                    }
                }
                default -> { return "Invalid content part type '" + part.path("type").asString("") + "' in '" + at + "'"; }
            }
        }
        return null;
    }

    private static String tools(JsonNode body, FakeOpenAi.Profile p) {
        JsonNode tools = body.get("tools");
        boolean hasTools = tools != null && tools.isArray() && !tools.isEmpty();
        Set<String> names = new LinkedHashSet<>();
        if (tools != null) {
            if (!tools.isArray()) return "Invalid 'tools': expected an array";
            for (JsonNode t : tools) {
                String name = t.path("function").path("name").asString("");
                if (!"function".equals(t.path("type").asString("")) || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
                    return "Invalid 'tools': each tool needs type 'function' and a function.name of letters, digits, '_' or '-'";
                }
                JsonNode params = t.path("function").get("parameters");
                if (params != null && !params.isObject()) return "Invalid 'tools': function.parameters must be an object";
                names.add(name);
            }
        }
        JsonNode choice = body.get("tool_choice");
        if (choice != null) {
            if (p.rejectToolChoice()) return "deepseek-reasoner does not support tool_choice";
            if (!hasTools) return "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.";
            if (choice.isString() && !CHOICES.contains(choice.asString()) && !(p.anyChoice() && choice.asString().equals("any"))) {
                return "Invalid value for 'tool_choice': '" + choice.asString() + "'";
            }
            if (choice.isObject()) {
                String name = choice.path("function").path("name").asString("");
                if (!"function".equals(choice.path("type").asString("")) || !names.contains(name)) {
                    return "Invalid 'tool_choice': no function named '" + name + "' in tools";
                }
            }
        }
        if (body.has("parallel_tool_calls") && !hasTools) return "Invalid value for 'parallel_tool_calls': only allowed when 'tools' are specified.";
        return null;
    }
}
