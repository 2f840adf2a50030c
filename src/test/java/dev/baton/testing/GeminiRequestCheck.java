package dev.baton.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Validates a {@code generateContent} body the way Gemini does, with Gemini's 400 messages: unknown fields anywhere
 * (schemas included: {@code additionalProperties}, {@code $schema}, {@code exclusiveMinimum}…), roles that do not
 * alternate, function responses that do not answer the previous turn's calls one to one by name, and, for Gemini 3,
 * a first function call of the current turn without the thought signature it was given.
 */
final class GeminiRequestCheck {
    private static final Set<String> BODY = Set.of("contents", "systemInstruction", "tools", "toolConfig", "generationConfig",
            "safetySettings", "cachedContent", "labels");
    private static final Set<String> CONTENT = Set.of("role", "parts");
    private static final Set<String> PART = Set.of("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "thought", "thoughtSignature", "executableCode", "codeExecutionResult", "videoMetadata");
    private static final Set<String> PART_DATA = Set.of("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "executableCode", "codeExecutionResult");
    private static final Set<String> FUNCTION_CALL = Set.of("id", "name", "args");
    private static final Set<String> FUNCTION_RESPONSE = Set.of("id", "name", "response", "parts", "willContinue", "scheduling");
    private static final Set<String> TOOL = Set.of("functionDeclarations", "googleSearch", "googleSearchRetrieval", "codeExecution", "urlContext");
    private static final Set<String> DECLARATION = Set.of("name", "description", "parameters", "parametersJsonSchema", "response", "behavior");
    private static final Set<String> SCHEMA = Set.of("type", "format", "title", "description", "nullable", "enum", "maxItems",
            "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern",
            "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object", "null");
    private static final Set<String> GENERATION = Set.of("stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema",
            "candidateCount", "maxOutputTokens", "temperature", "topP", "topK", "seed", "presencePenalty", "frequencyPenalty",
            "responseLogprobs", "logprobs", "thinkingConfig", "responseModalities", "mediaResolution");
    private static final Set<String> THINKING = Set.of("thinkingBudget", "includeThoughts", "thinkingLevel");
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    /** Why Gemini would refuse the request. */
    record Rejection(int code, String status, String message) {}

    private final boolean requireSignatures;
    private final Predicate<String> knownSignature;
    private final int maxOutputTokens;

    GeminiRequestCheck(boolean requireSignatures, Predicate<String> knownSignature, int maxOutputTokens) {
        this.requireSignatures = requireSignatures;
        this.knownSignature = knownSignature;
        this.maxOutputTokens = maxOutputTokens;
    }

    Rejection check(JsonNode body) {
        if (body == null || !body.isObject()) return invalid("Invalid JSON payload received. Expected an object.");
        String e = unknown(body, BODY, "");
        if (e == null) e = contents(body.get("contents"));
        if (e == null && body.has("systemInstruction")) e = parts(body.get("systemInstruction").get("parts"), "system_instruction");
        if (e == null) e = tools(body.path("tools"));
        if (e == null) e = toolConfig(body);
        if (e == null) e = generationConfig(body.path("generationConfig"));
        if (e == null && requireSignatures) e = signatures(body.get("contents"));
        return e == null ? null : invalid(e);
    }

    private String contents(JsonNode contents) {
        if (contents == null || !contents.isArray() || contents.isEmpty()) return "* GenerateContentRequest.contents: contents is not specified\n";
        String previousRole = null;
        List<String> previousCalls = List.of();
        for (int i = 0; i < contents.size(); i++) {
            JsonNode c = contents.get(i);
            String at = "contents[" + i + "]";
            String e = unknown(c, CONTENT, at);
            if (e != null) return e;
            String role = c.path("role").asString("");
            if (!role.equals("user") && !role.equals("model")) return "Please use a valid role: user, model.";
            if (i == 0 && !role.equals("user")) return "Please ensure that multiturn requests alternate between user and model.";
            if (role.equals(previousRole)) return "Please ensure that multiturn requests alternate between user and model.";
            e = parts(c.get("parts"), at + ".parts");
            if (e != null) return e;
            List<String> calls = new ArrayList<>();
            List<String> responses = new ArrayList<>();
            for (JsonNode p : c.get("parts")) {
                if (p.has("functionCall")) calls.add(p.get("functionCall").path("name").asString(""));
                if (p.has("functionResponse")) responses.add(p.get("functionResponse").path("name").asString(""));
            }
            if (!calls.isEmpty() && role.equals("user")) return "Please ensure that function call turns come from the model.";
            if (!responses.isEmpty() || !previousCalls.isEmpty()) {
                if (!role.equals("user") || responses.size() != previousCalls.size()) {
                    return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
                }
                if (!sameNames(responses, previousCalls)) {
                    return "Please ensure that function response names match the function call names of the function call turn.";
                }
            }
            previousRole = role;
            previousCalls = calls;
        }
        return null;
    }

    private String parts(JsonNode parts, String at) {
        if (parts == null || !parts.isArray() || parts.isEmpty()) return "* GenerateContentRequest." + at + ": contents.parts must not be empty.\n";
        for (int i = 0; i < parts.size(); i++) {
            JsonNode p = parts.get(i);
            String where = at + "[" + i + "]";
            String e = unknown(p, PART, where);
            if (e != null) return e;
            long data = p.propertyNames().stream().filter(PART_DATA::contains).count();
            if (data != 1) return "* GenerateContentRequest." + where + ".data: required oneof field 'data' must have one initialized field\n";
            if (p.has("functionCall")) {
                e = unknown(p.get("functionCall"), FUNCTION_CALL, where + ".function_call");
                if (e == null && p.get("functionCall").path("name").asString("").isEmpty()) e = "* " + where + ".function_call.name: Name cannot be empty.\n";
            }
            if (e == null && p.has("functionResponse")) {
                e = unknown(p.get("functionResponse"), FUNCTION_RESPONSE, where + ".function_response");
                if (e == null && !p.get("functionResponse").path("response").isObject()) {
                    e = "Invalid value at '" + where + ".function_response.response' (type.googleapis.com/google.protobuf.Struct)";
                }
            }
            if (e == null && p.has("text") && !p.get("text").isString()) e = "Invalid value at '" + where + ".text' (TYPE_STRING)";
            if (e != null) return e;
        }
        return null;
    }

    private String tools(JsonNode tools) {
        boolean functions = false;
        boolean search = false;
        for (int t = 0; t < tools.size(); t++) {
            JsonNode tool = tools.get(t);
            String e = unknown(tool, TOOL, "tools[" + t + "]");
            if (e != null) return e;
            search |= tool.has("googleSearch");
            JsonNode decls = tool.path("functionDeclarations");
            for (int d = 0; d < decls.size(); d++) {
                functions = true;
                String at = "tools[" + t + "].function_declarations[" + d + "]";
                e = unknown(decls.get(d), DECLARATION, at);
                if (e == null && decls.get(d).has("parameters")) e = schema(decls.get(d).get("parameters"), at + ".parameters");
                if (e != null) return e;
            }
        }
        return functions && search ? "Tool use with function calling is unsupported" : null;
    }

    private String schema(JsonNode s, String at) {
        String e = unknown(s, SCHEMA, at);
        if (e != null) return e;
        String type = s.path("type").asString(null);
        if (type != null && !TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))) {
            return "Invalid value at '" + at + ".type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"" + type + "\"";
        }
        int i = 0;
        for (JsonNode v : s.path("enum")) {
            if (!v.isString()) return "Invalid value at '" + at + ".enum[" + i + "]' (TYPE_STRING), " + v;
            i++;
        }
        if ("object".equalsIgnoreCase(type) && s.has("properties") && s.get("properties").isEmpty()) {
            return "* GenerateContentRequest." + at + ".properties: should be non-empty for OBJECT type\n";
        }
        if ("array".equalsIgnoreCase(type) && !s.has("items")) return "* GenerateContentRequest." + at + ".items: missing field.\n";
        i = 0;
        for (JsonNode r : s.path("required")) {
            if (!s.path("properties").has(r.asString())) return "* GenerateContentRequest." + at + ".required[" + i + "]: property is not defined\n";
            i++;
        }
        i = 0;
        for (var p : s.path("properties").properties()) {
            e = schema(p.getValue(), at + ".properties[" + i++ + "].value");
            if (e != null) return e;
        }
        if (s.has("items")) {
            e = schema(s.get("items"), at + ".items");
            if (e != null) return e;
        }
        i = 0;
        for (JsonNode b : s.path("anyOf")) {
            e = schema(b, at + ".any_of[" + i++ + "]");
            if (e != null) return e;
        }
        return null;
    }

    private String toolConfig(JsonNode body) {
        JsonNode config = body.path("toolConfig").path("functionCallingConfig");
        if (config.isMissingNode()) return null;
        String e = unknown(config, Set.of("mode", "allowedFunctionNames"), "tool_config.function_calling_config");
        if (e != null) return e;
        String mode = config.path("mode").asString("AUTO");
        if (!Set.of("AUTO", "ANY", "NONE", "VALIDATED").contains(mode)) return "Invalid value at 'tool_config.function_calling_config.mode'";
        if (config.has("allowedFunctionNames")) {
            if (!mode.equals("ANY")) return "Function calling config's allowed_function_names is only allowed when mode is ANY.";
            Set<String> declared = new java.util.HashSet<>();
            for (JsonNode t : body.path("tools")) for (JsonNode d : t.path("functionDeclarations")) declared.add(d.path("name").asString());
            for (JsonNode n : config.get("allowedFunctionNames")) {
                if (!declared.contains(n.asString())) return "Function " + n.asString() + " in allowed_function_names is not declared.";
            }
        }
        return null;
    }

    private String generationConfig(JsonNode config) {
        if (config.isMissingNode()) return null;
        String e = unknown(config, GENERATION, "generation_config");
        if (e == null && config.has("thinkingConfig")) e = unknown(config.get("thinkingConfig"), THINKING, "generation_config.thinking_config");
        if (e != null) return e;
        int max = config.path("maxOutputTokens").asInt(0);
        if (max > maxOutputTokens) {
            return "Unable to submit request because it has a maxOutputTokens value of " + max
                    + " but the supported range is from 1 (inclusive) to " + (maxOutputTokens + 1) + " (exclusive). Update the value and try again.";
        }
        if (config.path("stopSequences").size() > 5) return "* GenerateContentRequest.generation_config.stop_sequences: at most 5 stop sequences are allowed\n";
        if (config.has("responseSchema")) return schema(config.get("responseSchema"), "generation_config.response_schema");
        return null;
    }

    /**
     * Gemini 3: the current turn starts at the last user content with something besides function responses; in it,
     * the first function call of every model step must carry its signature (or Google's stand-in), unaltered.
     */
    private String signatures(JsonNode contents) {
        int start = 0;
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode c = contents.get(i);
            if (!c.path("role").asString("").equals("user")) continue;
            boolean standard = false;
            for (JsonNode p : c.path("parts")) standard |= !p.has("functionResponse");
            if (standard) {
                start = i;
                break;
            }
        }
        int position = 0;
        for (int i = 0; i < contents.size(); i++) {
            for (JsonNode p : contents.get(i).path("parts")) {
                position++;
                if (i < start || !p.has("functionCall")) continue;
                String signature = p.path("thoughtSignature").asString(null);
                if (signature != null && !signature.equals(SKIP_SIGNATURE) && !knownSignature.test(signature)) return "Corrupted thought signature.";
                if (isFirstCall(contents.get(i), p) && signature == null) {
                    return "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, "
                            + "and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:"
                            + p.get("functionCall").path("name").asString() + "` , position " + position
                            + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.";
                }
            }
        }
        return null;
    }

    private static boolean isFirstCall(JsonNode content, JsonNode part) {
        for (JsonNode p : content.path("parts")) if (p.has("functionCall")) return p == part;
        return false;
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        Map<String, Integer> count = new HashMap<>();
        a.forEach(n -> count.merge(n, 1, Integer::sum));
        b.forEach(n -> count.merge(n, -1, Integer::sum));
        return count.values().stream().allMatch(v -> v == 0);
    }

    private static String unknown(JsonNode node, Set<String> known, String at) {
        if (!node.isObject()) return "Invalid JSON payload received. Expected an object at '" + at + "'.";
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                return "Invalid JSON payload received. Unknown name \"" + key + "\"" + (at.isEmpty() ? "" : " at '" + at + "'") + ": Cannot find field.";
            }
        }
        return null;
    }

    private static Rejection invalid(String message) {
        return new Rejection(400, "INVALID_ARGUMENT", message);
    }
}
