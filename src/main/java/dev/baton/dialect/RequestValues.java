package dev.baton.dialect;

import tools.jackson.databind.JsonNode;

/**
 * A caller's values read with their JSON type and range checked. A value of the wrong type, out of range, or too
 * large for Baton to hold (`9223372036854775808`, `1e400`) is an {@link InvalidRequestException} naming the field,
 * never a parser's exception that would surface as a 500. Absent and `null` values read as null.
 */
public final class RequestValues {
    private static final java.util.regex.Pattern IMAGE_TYPE = java.util.regex.Pattern.compile("image/[a-z0-9.+-]{1,50}");
    private RequestValues() {
    }

    /** An integer from {@code min} to 2147483647, or null. */
    public static Integer integer(JsonNode v, String field, int min) {
        if (absent(v)) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
            throw new InvalidRequestException(field + ": must be an integer from " + min + " to " + Integer.MAX_VALUE);
        }
        return v.intValue();
    }

    /**
     * `temperature`, or null: 0 to 2 in both dialects, which every target takes (Anthropic's own API refuses more
     * than 1 itself; Anthropic-compatible vendors such as DeepSeek take up to 2).
     */
    public static Double temperature(JsonNode v) {
        return number(v, "temperature", 0, 2);
    }

    /** `top_p`, or null. */
    public static Double topP(JsonNode v) {
        return number(v, "top_p", 0, 1);
    }

    /** `top_k`, or null (Anthropic's; for OpenAI callers, vLLM's, Ollama's and OpenRouter's). */
    public static Integer topK(JsonNode v) {
        return integer(v, "top_k", 0);
    }

    /** A finite number from {@code min} to {@code max}, or null. */
    public static Double number(JsonNode v, String field, double min, double max) {
        if (absent(v)) return null;
        double d = v.isNumber() ? v.asDouble() : Double.NaN;
        if (!(d >= min && d <= max)) {
            throw new InvalidRequestException(field + ": must be " + (max == Double.MAX_VALUE ? "a finite number of at least " + plain(min)
                    : "a number from " + plain(min) + " to " + plain(max)));
        }
        return d;
    }

    public static Boolean bool(JsonNode v, String field) {
        if (absent(v)) return null;
        if (!v.isBoolean()) throw new InvalidRequestException(field + ": must be a boolean");
        return v.booleanValue();
    }

    public static String string(JsonNode v, String field) {
        if (absent(v)) return null;
        if (!v.isString()) throw new InvalidRequestException(field + ": must be a string");
        return v.stringValue();
    }

    /** A string, or {@code otherwise} when absent or null. */
    public static String string(JsonNode v, String field, String otherwise) {
        String s = string(v, field);
        return s == null ? otherwise : s;
    }

    /** A string that is present and not empty (an id or a name the target needs). */
    public static String requiredString(JsonNode v, String field) {
        String s = string(v, field);
        if (s == null || s.isEmpty()) throw new InvalidRequestException(field + ": a non-empty string is required");
        return s;
    }

    private static final java.util.regex.Pattern TOOL_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_-]{1,128}");

    /**
     * A tool's name as every provider accepts it: letters, digits, `_` and `-`, at most 128 (Anthropic's rule;
     * OpenAI's is 64, and the OpenAI encoder shortens longer ones).
     */
    public static String toolName(JsonNode v, String field) {
        String s = requiredString(v, field);
        if (!TOOL_NAME.matcher(s).matches()) {
            throw new InvalidRequestException(field + ": a tool name is 1 to 128 letters, digits, '_' or '-'");
        }
        return s;
    }

    /** An image's media type (`image/png`), `image/png` when absent. */
    public static String imageType(JsonNode v, String field) {
        String type = string(v, field, "image/png");
        if (!isImageType(type)) throw new InvalidRequestException(field + ": must be an image media type such as image/png");
        return type;
    }

    public static boolean isImageType(String type) {
        return IMAGE_TYPE.matcher(type).matches();
    }

    /** An object, or null. */
    public static JsonNode object(JsonNode v, String field) {
        if (absent(v)) return null;
        if (!v.isObject()) throw new InvalidRequestException(field + ": must be an object");
        return v;
    }

    /** An array, or null. */
    public static JsonNode array(JsonNode v, String field) {
        if (absent(v)) return null;
        if (!v.isArray()) throw new InvalidRequestException(field + ": must be an array");
        return v;
    }

    /** An array whose items are all strings, or null. */
    public static JsonNode strings(JsonNode v, String field) {
        if (array(v, field) == null) return null;
        for (JsonNode s : v) if (!s.isString()) throw new InvalidRequestException(field + ": must be an array of strings");
        return v;
    }

    /** A top-level container field checked by its first byte, without parsing it ({@code open} is '[' or '{'). */
    public static void container(JsonFields fields, String key, char open) {
        byte first = fields.firstByte(key);
        if (first != 0 && first != open && first != 'n') {
            throw new InvalidRequestException(key + ": must be " + (open == '[' ? "an array" : "an object"));
        }
    }

    private static boolean absent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
