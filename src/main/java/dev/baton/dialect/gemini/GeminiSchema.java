package dev.baton.dialect.gemini;

import dev.baton.dialect.Json;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a JSON Schema (draft-07 or 2020-12, as zod and MCP servers write them) into the OpenAPI subset Gemini's
 * {@code Schema} object accepts (field notes 17). Gemini answers 400 "Unknown name …: Cannot find field" to any key
 * outside that subset, so the output holds only {@link #ALLOWED_KEYS}. Meaning is kept where the subset can say it:
 * references are inlined, {@code allOf} merged, {@code oneOf} becomes {@code anyOf}, null alternatives become
 * {@code nullable}, {@code const} an enum of one, exclusive bounds inclusive ones; what it cannot say (a format, a
 * multiple, a map's value type) is added to the description rather than dropped silently.
 */
public final class GeminiSchema {
    /** Gemini's {@code Schema} fields (ai.google.dev API reference, v1beta). */
    public static final Set<String> ALLOWED_KEYS = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");
    /** Gemini's Developer API takes only these formats for strings; numbers and integers have their own. */
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "string", Set.of("enum", "date-time"),
            "number", Set.of("float", "double"),
            "integer", Set.of("int32", "int64"));
    private static final Set<String> COPIED = Set.of("title", "minItems", "maxItems", "minProperties", "maxProperties",
            "minLength", "maxLength", "pattern", "propertyOrdering");
    private static final int MAX_DEPTH = 24;
    /** A recursive definition is spelled out this many times, so the model sees its shape nested once. */
    private static final int RECURSION_UNROLLED = 2;

    private final JsonNode root;
    private final Deque<String> expanding = new ArrayDeque<>();

    private GeminiSchema(JsonNode root) {
        this.root = root;
    }

    /**
     * A tool's input schema as Gemini function {@code parameters}, or null when the tool takes no arguments (Gemini
     * rejects an object schema whose {@code properties} is empty, so such tools are declared without parameters).
     */
    public static ObjectNode parameters(JsonNode inputSchema) {
        if (inputSchema == null || !inputSchema.isObject()) return null;
        ObjectNode out = new GeminiSchema(inputSchema).convert(inputSchema, 0);
        if (out.get("anyOf") instanceof ArrayNode branches) out = mergeObjectBranches(out, branches);
        if (!"object".equals(out.path("type").asString("")) || !out.has("properties")) return null;
        return out;
    }

    /** Any schema (a structured-output {@code responseSchema}, for instance) in Gemini's subset. */
    public static ObjectNode sanitize(JsonNode schema) {
        if (schema == null || !schema.isObject()) return anyValue(Json.MAPPER.createObjectNode());
        return new GeminiSchema(schema).convert(schema, 0);
    }

    private ObjectNode convert(JsonNode node, int depth) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (!(node instanceof ObjectNode schema) || depth > MAX_DEPTH) return anyValue(out);
        String ref = schema.path("$ref").asString(null);
        if (ref != null) return viaReference(schema, ref, depth);
        if (schema.get("allOf") instanceof ArrayNode all) return convert(mergeAllOf(schema, all), depth + 1); // depth bounds allOf cycles

        copyAnnotations(schema, out);
        List<JsonNode> branches = alternatives(schema);
        List<String> types = types(schema);
        if (types.remove("null")) out.put("nullable", true);

        if (!branches.isEmpty()) {
            alternativesInto(schema, branches, out, depth);
        } else if (types.size() > 1) {
            ArrayNode anyOf = out.putArray("anyOf");
            for (String t : types) {
                ObjectNode one = schema.deepCopy().put("type", t);
                one.remove(List.of("description", "title"));
                anyOf.add(convert(one, depth + 1));
            }
        } else {
            String type = types.isEmpty() ? inferType(schema) : types.getFirst();
            typed(schema, type, out, depth);
        }
        return ordered(out);
    }

    /** {@code $ref} to a local definition, inlined; a reference to itself (recursion) ends as an open object. */
    private ObjectNode viaReference(ObjectNode schema, String ref, int depth) {
        JsonNode target = ref.equals("#") || ref.startsWith("#/") ? root.at(ref.substring(1)) : null; // a local JSON pointer
        boolean recursion = expanding.stream().filter(ref::equals).count() >= RECURSION_UNROLLED;
        if (target == null || target.isMissingNode() || recursion) {
            ObjectNode open = Json.MAPPER.createObjectNode().put("type", "object");
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            note(open, schema.path("description").asString(null));
            note(open, recursion ? "(a nested " + name + ", as described above)" : "(" + name + ")");
            return open;
        }
        ObjectNode merged = target.isObject() ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
        for (var e : schema.properties()) { // siblings of $ref (description, default) refine the target
            if (!e.getKey().equals("$ref")) merged.set(e.getKey(), e.getValue());
        }
        expanding.push(ref);
        try {
            return convert(merged, depth + 1);
        } finally {
            expanding.pop();
        }
    }

    /** allOf: every part must hold, so properties and requirements add up; the first word on anything else wins. */
    private ObjectNode mergeAllOf(ObjectNode schema, ArrayNode all) {
        ObjectNode merged = schema.deepCopy();
        merged.remove("allOf");
        for (JsonNode part : all) {
            JsonNode p = part;
            String ref = part.path("$ref").asString(null);
            if (ref != null && (ref.equals("#") || ref.startsWith("#/")) && !expanding.contains(ref)) p = root.at(ref.substring(1));
            if (!(p instanceof ObjectNode po)) continue;
            for (var e : po.properties()) {
                String key = e.getKey();
                JsonNode value = e.getValue();
                if (key.equals("properties") && value.isObject()) {
                    ObjectNode props = merged.has("properties") && merged.get("properties").isObject()
                            ? (ObjectNode) merged.get("properties") : merged.putObject("properties");
                    for (var prop : value.properties()) props.set(prop.getKey(), prop.getValue());
                } else if (key.equals("required") && value.isArray()) {
                    Set<String> req = new LinkedHashSet<>(strings(merged.get("required")));
                    req.addAll(strings(value));
                    ArrayNode r = merged.putArray("required");
                    req.forEach(r::add);
                } else if (!merged.has(key)) {
                    merged.set(key, value);
                }
            }
        }
        return merged;
    }

    /** oneOf and anyOf (Gemini only has anyOf; "exactly one" cannot be said, "at least one" is close). */
    private static List<JsonNode> alternatives(ObjectNode schema) {
        List<JsonNode> out = new ArrayList<>();
        for (String key : List.of("anyOf", "oneOf")) {
            if (schema.get(key) instanceof ArrayNode a) a.forEach(out::add);
        }
        return out;
    }

    private void alternativesInto(ObjectNode schema, List<JsonNode> branches, ObjectNode out, int depth) {
        List<ObjectNode> kept = new ArrayList<>();
        for (JsonNode b : branches) {
            if (isNull(b)) {
                out.put("nullable", true);
                continue;
            }
            ObjectNode converted = convert(b, depth + 1);
            if (converted.remove("nullable") != null) out.put("nullable", true);
            if (converted.get("anyOf") instanceof ArrayNode nested && converted.size() == 1) { // flatten anyOf in anyOf
                nested.forEach(n -> { if (!kept.contains(n)) kept.add((ObjectNode) n); });
            } else if (!kept.contains(converted)) {
                kept.add(converted);
            }
        }
        // The parent's own type and constraints (e.g. "type": "string" beside the anyOf) still apply to every branch.
        ObjectNode own = schema.deepCopy();
        own.remove(List.of("anyOf", "oneOf", "description", "title", "default", "nullable"));
        if (!own.isEmpty() && (own.has("type") || own.has("enum") || own.has("const"))) {
            ObjectNode shared = convert(own, depth + 1);
            shared.remove("nullable");
            kept.replaceAll(b -> withDefaults(b, shared));
        }
        if (kept.isEmpty()) {
            anyValue(out);
        } else if (allEnumsOfStrings(kept)) { // "a" | "b" | "c" written as alternatives: one enum says it best
            out.put("type", "string");
            ArrayNode values = out.putArray("enum");
            Set<String> seen = new LinkedHashSet<>();
            for (ObjectNode b : kept) for (JsonNode v : b.get("enum")) if (seen.add(v.asString())) values.add(v.asString());
            for (ObjectNode b : kept) if (b.has("description")) note(out, b.get("description").asString());
        } else if (kept.size() == 1) {
            ObjectNode only = kept.getFirst();
            for (var e : only.properties()) {
                if (e.getKey().equals("description")) {
                    note(out, e.getValue().asString());
                } else if (!out.has(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            }
        } else {
            ArrayNode anyOf = out.putArray("anyOf");
            kept.forEach(anyOf::add);
        }
    }

    private static ObjectNode withDefaults(ObjectNode branch, ObjectNode shared) {
        for (var e : shared.properties()) if (!branch.has(e.getKey())) branch.set(e.getKey(), e.getValue());
        return branch;
    }

    private static boolean allEnumsOfStrings(List<ObjectNode> branches) {
        if (branches.size() < 2) return false;
        for (ObjectNode b : branches) {
            if (!"string".equals(b.path("type").asString("")) || !b.has("enum")) return false;
            for (String k : b.propertyNames()) if (!Set.of("type", "enum", "description", "format").contains(k)) return false;
        }
        return true;
    }

    private void typed(ObjectNode schema, String type, ObjectNode out, int depth) {
        out.put("type", type);
        enumInto(schema, type, out);
        switch (type) {
            case "object" -> objectInto(schema, out, depth);
            case "array" -> arrayInto(schema, out, depth);
            case "integer", "number" -> boundsInto(schema, type, out);
            default -> { }
        }
        String format = schema.path("format").asString(null);
        if (format != null) {
            if (FORMATS.getOrDefault(type, Set.of()).contains(format)) out.put("format", format);
            else note(out, "(format: " + format + ")");
        }
    }

    /** Gemini's enum holds strings only; other enums become a note, so the model still sees the allowed values. */
    private static void enumInto(ObjectNode schema, String type, ObjectNode out) {
        List<JsonNode> values = new ArrayList<>();
        if (schema.has("const")) values.add(schema.get("const"));
        if (schema.get("enum") instanceof ArrayNode e) e.forEach(values::add);
        if (values.isEmpty()) return;
        if (values.removeIf(JsonNode::isNull)) out.put("nullable", true);
        if (values.isEmpty()) return;
        if (type.equals("string")) {
            ArrayNode e = out.putArray("enum");
            values.forEach(v -> e.add(v.isString() ? v.asString() : v.toString()));
        } else {
            note(out, (values.size() == 1 ? "(must be " : "(one of ") + String.join(", ", values.stream().map(JsonNode::toString).toList()) + ")");
        }
    }

    private void objectInto(ObjectNode schema, ObjectNode out, int depth) {
        ObjectNode props = Json.MAPPER.createObjectNode();
        if (schema.get("properties") instanceof ObjectNode p) {
            for (var e : p.properties()) props.set(e.getKey(), convert(e.getValue(), depth + 1));
        }
        if (!props.isEmpty()) {
            out.set("properties", props);
            ArrayNode required = Json.MAPPER.createArrayNode();
            for (String name : strings(schema.get("required"))) if (props.has(name)) required.add(name);
            if (!required.isEmpty()) out.set("required", required);
        }
        JsonNode extra = schema.get("additionalProperties");
        if (props.isEmpty() && extra != null && extra.isObject() && !extra.isEmpty()) {
            ObjectNode values = convert(extra, depth + 1);
            note(out, "(an object whose keys are names and whose values are " + values.path("type").asString("any JSON") + "s)");
        }
    }

    private void arrayInto(ObjectNode schema, ObjectNode out, int depth) {
        JsonNode items = schema.has("prefixItems") ? schema.get("prefixItems") : schema.get("items");
        if (items instanceof ArrayNode tuple) { // a tuple: Gemini arrays have one item schema, so any of them
            ObjectNode alternatives = Json.MAPPER.createObjectNode();
            alternatives.set("anyOf", tuple.deepCopy());
            items = tuple.size() == 1 ? tuple.get(0) : alternatives;
        }
        // Gemini requires items on every array; an untyped array is described as one of any values
        out.set("items", items != null && items.isObject() ? convert(items, depth + 1) : anyValue(Json.MAPPER.createObjectNode()));
        if (schema.path("uniqueItems").asBoolean(false)) note(out, "(items must be unique)");
    }

    /** Exclusive bounds become inclusive: the next integer for integers, the bound itself (noted) for numbers. */
    private static void boundsInto(ObjectNode schema, String type, ObjectNode out) {
        BigDecimal min = decimal(schema.get("minimum"));
        BigDecimal max = decimal(schema.get("maximum"));
        JsonNode exMin = schema.get("exclusiveMinimum");
        JsonNode exMax = schema.get("exclusiveMaximum");
        // draft-04 writes the exclusive flag as a boolean beside minimum/maximum
        BigDecimal lower = decimal(exMin) != null ? decimal(exMin) : exMin != null && exMin.isBoolean() && exMin.booleanValue() ? min : null;
        BigDecimal upper = decimal(exMax) != null ? decimal(exMax) : exMax != null && exMax.isBoolean() && exMax.booleanValue() ? max : null;
        if (exMin != null && exMin.isBoolean()) min = null;
        if (exMax != null && exMax.isBoolean()) max = null;
        boolean integer = type.equals("integer");
        if (lower != null) {
            BigDecimal inclusive = integer ? lower.setScale(0, java.math.RoundingMode.FLOOR).add(BigDecimal.ONE) : lower;
            if (min == null || inclusive.compareTo(min) > 0) min = inclusive;
            if (!integer) note(out, "(must be greater than " + lower.toPlainString() + ")");
        }
        if (upper != null) {
            BigDecimal inclusive = integer ? upper.setScale(0, java.math.RoundingMode.CEILING).subtract(BigDecimal.ONE) : upper;
            if (max == null || inclusive.compareTo(max) < 0) max = inclusive;
            if (!integer) note(out, "(must be less than " + upper.toPlainString() + ")");
        }
        if (min != null) putNumber(out, "minimum", min);
        if (max != null) putNumber(out, "maximum", max);
        JsonNode multiple = schema.get("multipleOf");
        if (decimal(multiple) != null && !(integer && multiple.decimalValue().compareTo(BigDecimal.ONE) == 0)) note(out, "(a multiple of " + multiple.decimalValue().toPlainString() + ")");
    }

    private static void copyAnnotations(ObjectNode schema, ObjectNode out) {
        JsonNode description = schema.get("description");
        if (description != null && description.isString() && !description.asString().isBlank()) out.put("description", description.asString());
        for (String key : COPIED) {
            JsonNode v = schema.get(key);
            if (v != null && !v.isNull()) out.set(key, v);
        }
        JsonNode def = schema.get("default");
        if (def != null && !def.isNull()) out.set("default", def);
        JsonNode example = schema.has("example") ? schema.get("example") : schema.path("examples").path(0);
        if (example != null && !example.isMissingNode() && !example.isNull()) out.set("example", example);
        if (schema.path("nullable").asBoolean(false)) out.put("nullable", true);
    }

    private static List<String> types(ObjectNode schema) {
        JsonNode t = schema.get("type");
        List<String> out = new ArrayList<>();
        if (t != null && t.isString()) out.add(t.asString().toLowerCase(java.util.Locale.ROOT));
        else if (t instanceof ArrayNode a) for (JsonNode v : a) if (v.isString()) out.add(v.asString().toLowerCase(java.util.Locale.ROOT));
        out.removeIf(v -> !v.equals("null") && !TYPES.contains(v));
        return new ArrayList<>(new LinkedHashSet<>(out));
    }

    /** A schema without a type: what its keywords imply (JSON Schema allows that, Gemini does not). */
    private static String inferType(ObjectNode schema) {
        if (schema.has("properties") || schema.has("additionalProperties") || schema.has("required")) return "object";
        if (schema.has("items") || schema.has("prefixItems")) return "array";
        if (schema.has("minimum") || schema.has("maximum") || schema.has("exclusiveMinimum") || schema.has("exclusiveMaximum")) return "number";
        JsonNode value = schema.has("const") ? schema.get("const") : schema.path("enum").path(0);
        if (value.isBoolean()) return "boolean";
        if (value.isIntegralNumber()) return "integer";
        if (value.isNumber()) return "number";
        return "string";
    }

    /**
     * What "any JSON value" becomes: Gemini has no such type, and a schema without one is rejected, so the model is
     * told in words and given a string, the type every value can be written as.
     */
    private static ObjectNode anyValue(ObjectNode out) {
        out.put("type", "string");
        note(out, "(any JSON value)");
        return out;
    }

    private static boolean isNull(JsonNode b) {
        if (!b.isObject()) return false;
        if ("null".equals(b.path("type").asString(""))) return true;
        if (b.has("const") && b.get("const").isNull()) return true;
        return b.get("enum") instanceof ArrayNode e && e.size() == 1 && e.get(0).isNull();
    }

    /** Root alternatives of objects (an MCP tool taking one of several argument shapes) become one object. */
    private static ObjectNode mergeObjectBranches(ObjectNode out, ArrayNode branches) {
        ObjectNode props = Json.MAPPER.createObjectNode();
        Set<String> required = null;
        for (JsonNode b : branches) {
            if (!"object".equals(b.path("type").asString(""))) return out;
            if (b.get("properties") instanceof ObjectNode p) for (var e : p.properties()) if (!props.has(e.getKey())) props.set(e.getKey(), e.getValue());
            Set<String> req = new LinkedHashSet<>(strings(b.get("required")));
            if (required == null) required = req;
            else required.retainAll(req); // only what every shape requires stays required
        }
        ObjectNode merged = Json.MAPPER.createObjectNode().put("type", "object");
        if (out.has("description")) merged.set("description", out.get("description"));
        note(merged, "(the arguments take one of " + branches.size() + " shapes; supply the properties of one of them)");
        if (!props.isEmpty()) merged.set("properties", props);
        if (required != null && !required.isEmpty()) {
            ArrayNode r = merged.putArray("required");
            required.forEach(r::add);
        }
        return merged;
    }

    private static void note(ObjectNode out, String text) {
        if (text == null || text.isBlank()) return;
        String current = out.path("description").asString("");
        if (current.contains(text)) return;
        out.put("description", current.isEmpty() ? text : current + " " + text);
    }

    /** Type first, description second: easier to read in logs and transcripts; Gemini does not care. */
    private static ObjectNode ordered(ObjectNode out) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String first : List.of("type", "description")) if (out.has(first)) fields.put(first, out.get(first));
        for (var e : out.properties()) fields.putIfAbsent(e.getKey(), e.getValue());
        ObjectNode sorted = Json.MAPPER.createObjectNode();
        fields.forEach(sorted::set);
        return sorted;
    }

    /** Whole numbers as integers (9007199254740991, not 9.007199254740991E15); others as doubles. */
    private static void putNumber(ObjectNode out, String key, BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) < 0) out.put(key, v.intValueExact());
        else if (v.scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) out.put(key, v.longValueExact());
        else out.put(key, value.doubleValue());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array instanceof ArrayNode a) for (JsonNode v : a) if (v.isString()) out.add(v.asString());
        return out;
    }

    /** A finite number as a decimal, else null (1e400 reads as infinity, which no decimal holds). */
    private static BigDecimal decimal(JsonNode n) {
        return n != null && n.isNumber() && !(n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) ? n.decimalValue() : null;
    }
}
