package dev.baton.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dialect.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sanitizer against Claude Code's whole built-in tool list plus MCP tools (field notes 17): every schema node keeps
 * only fields Gemini's Schema object has, and required fields, enums, descriptions and nesting survive.
 */
class GeminiSchemaTest {
    /** Gemini's Schema object, written from the ai.google.dev API reference (not from the class under test). */
    private static final Set<String> GEMINI_SCHEMA_FIELDS = Set.of("type", "format", "title", "description", "nullable",
            "enum", "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> GEMINI_TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");

    private static final Map<String, JsonNode> ORIGINAL = new LinkedHashMap<>();
    private static final Map<String, ObjectNode> SANITIZED = new LinkedHashMap<>();

    /** Found by the fuzz suite: each of these threw from the sanitizer, a 500 that counted against the Gemini deployment. */
    @Test
    void hostileSchemasBecomeValidGeminiSchemasInsteadOfExceptions() {
        String[] schemas = {
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[[1],{},\"string\",5]}}}",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#definitions/x\"},\"b\":{\"$ref\":\"#\"}}}",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"allOf\":[{\"$ref\":\"definitions\"}]}}}",
            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"minimum\":1e400,\"exclusiveMaximum\":-1e400,"
                    + "\"multipleOf\":1e400},\"i\":{\"type\":\"integer\",\"exclusiveMinimum\":1e400,\"maximum\":123456789012345678901234567890}}}",
        };
        for (String s : schemas) {
            ObjectNode out = GeminiSchema.parameters(Json.MAPPER.readTree(s));
            assertThat(out).as(s).isNotNull();
            assertThat(out.path("type").asString()).isEqualTo("object");
            assertOnlyGeminiFields(out, s);
        }
    }

    private static void assertOnlyGeminiFields(JsonNode schema, String where) {
        for (String field : schema.propertyNames()) {
            if (!field.equals("properties")) assertThat(GEMINI_SCHEMA_FIELDS).as(where + ": " + field).contains(field);
        }
        schema.path("properties").forEach(p -> assertOnlyGeminiFields(p, where));
        if (schema.has("items")) assertOnlyGeminiFields(schema.get("items"), where);
        schema.path("anyOf").forEach(b -> assertOnlyGeminiFields(b, where));
        if (schema.has("type")) assertThat(GEMINI_TYPES).as(where).contains(schema.get("type").asString());
    }

    @BeforeAll
    static void sanitizeAll() throws Exception {
        try (InputStream in = GeminiSchemaTest.class.getResourceAsStream("/claude-code-tools.json")) {
            for (JsonNode tool : Json.MAPPER.readTree(in)) {
                ORIGINAL.put(tool.get("name").asString(), tool.get("input_schema"));
                SANITIZED.put(tool.get("name").asString(), GeminiSchema.parameters(tool.get("input_schema")));
            }
        }
        assertThat(ORIGINAL).hasSizeGreaterThanOrEqualTo(25)
                .containsKeys("Task", "Bash", "Glob", "Grep", "LS", "ExitPlanMode", "Read", "Edit", "MultiEdit", "Write",
                        "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch", "BashOutput", "KillShell", "SlashCommand");
    }

    @Test
    void everyNodeOfEveryToolKeepsOnlyFieldsGeminiAccepts() {
        SANITIZED.forEach((name, schema) -> {
            if (schema == null) return;
            List<String> problems = new ArrayList<>();
            walk(schema, "tools." + name, problems);
            assertThat(problems).as(name).isEmpty();
        });
    }

    @Test
    void requiredFieldsDescriptionsAndPropertiesSurvive() {
        SANITIZED.forEach((name, schema) -> {
            JsonNode original = ORIGINAL.get(name);
            if (schema == null) {
                assertThat(original.path("properties").isEmpty()).as(name + " has arguments but lost them").isTrue();
                return;
            }
            assertThat(schema.get("type").asString()).isEqualTo("object");
            assertThat(schema.get("properties").propertyNames()).as(name).containsExactlyElementsOf(original.get("properties").propertyNames());
            assertThat(texts(schema.get("required"))).as(name).isEqualTo(texts(original.get("required")));
            for (String prop : original.get("properties").propertyNames()) {
                String description = original.get("properties").get(prop).path("description").asString(null);
                if (description != null) {
                    assertThat(schema.get("properties").get(prop).path("description").asString()).as(name + "." + prop).startsWith(description);
                }
            }
        });
    }

    @Test
    void toolsWithoutArgumentsAreDeclaredWithoutParameters() {
        // Gemini answers 400 "properties: should be non-empty for OBJECT type" to an empty properties object
        assertThat(SANITIZED.get("EnterPlanMode")).isNull();
        assertThat(SANITIZED.get("TaskList")).isNull();
    }

    @Test
    void readsExclusiveLimitBecomesAnInclusiveMinimumOfOne() {
        JsonNode limit = SANITIZED.get("Read").at("/properties/limit");
        assertThat(limit.get("type").asString()).isEqualTo("integer");
        assertThat(limit.get("minimum").asLong()).isEqualTo(1);
        assertThat(limit.get("maximum").asLong()).isEqualTo(9007199254740991L);
        assertThat(SANITIZED.get("Read").at("/properties/offset/minimum").asLong()).isZero();
        assertThat(SANITIZED.get("Task").at("/properties/max_turns/minimum").asLong()).isEqualTo(1);
        assertThat(SANITIZED.get("mcp__chrome-devtools__list_network_requests").at("/properties/pageSize/minimum").asLong()).isEqualTo(1);
    }

    @Test
    void exclusiveBoundsOnNumbersStayAtTheBoundAndSayTheyAreStrict() {
        JsonNode estimate = SANITIZED.get("mcp__tracker__create_issue").at("/properties/estimate");
        assertThat(estimate.get("minimum").asInt()).isZero();
        assertThat(estimate.get("maximum").asInt()).isEqualTo(100);
        assertThat(estimate.get("description").asString()).contains("greater than 0").contains("less than 100");
        JsonNode points = SANITIZED.get("mcp__tracker__create_issue").at("/properties/points");
        assertThat(points.get("maximum").asInt()).isEqualTo(13); // integers below 13.5
    }

    @Test
    void enumsAndNestedObjectsSurvive() {
        JsonNode todo = SANITIZED.get("TodoWrite").at("/properties/todos/items");
        assertThat(todo.get("type").asString()).isEqualTo("object");
        assertThat(texts(todo.get("required"))).containsExactly("content", "status", "activeForm");
        assertThat(texts(todo.at("/properties/status/enum"))).containsExactly("pending", "in_progress", "completed");
        assertThat(todo.at("/properties/content/minLength").asInt()).isEqualTo(1);

        JsonNode options = SANITIZED.get("AskUserQuestion").at("/properties/questions/items/properties/options");
        assertThat(options.get("minItems").asInt()).isEqualTo(2);
        assertThat(texts(options.at("/items/required"))).containsExactly("label", "description");
        assertThat(SANITIZED.get("MultiEdit").at("/properties/edits/items/properties/replace_all/default").asBoolean()).isFalse();
    }

    @Test
    void alternativesOfConstantsBecomeOneEnum() {
        JsonNode status = SANITIZED.get("TaskUpdate").at("/properties/status");
        assertThat(status.get("type").asString()).isEqualTo("string");
        assertThat(texts(status.get("enum"))).containsExactly("pending", "in_progress", "completed", "deleted");
        JsonNode priority = SANITIZED.get("mcp__tracker__create_issue").at("/properties/priority");
        assertThat(texts(priority.get("enum"))).containsExactly("low", "medium", "high");
        assertThat(texts(SANITIZED.get("mcp__tracker__create_issue").at("/properties/kind/enum"))).containsExactly("issue");
    }

    @Test
    void nullAlternativesAndTypeArraysBecomeNullable() {
        JsonNode issue = SANITIZED.get("mcp__tracker__create_issue");
        assertThat(issue.at("/properties/body/type").asString()).isEqualTo("string");
        assertThat(issue.at("/properties/body/nullable").asBoolean()).isTrue();
        assertThat(issue.at("/properties/assignee/type").asString()).isEqualTo("string");
        assertThat(issue.at("/properties/assignee/nullable").asBoolean()).isTrue();
        assertThat(issue.at("/properties/assignee/description").asString()).startsWith("Assignee e-mail").contains("format: email");
    }

    @Test
    void formatsGeminiRejectsMoveIntoTheDescription() {
        JsonNode url = SANITIZED.get("WebFetch").at("/properties/url");
        assertThat(url.has("format")).isFalse();
        assertThat(url.get("description").asString()).isEqualTo("The URL to fetch content from (format: uri)");
        assertThat(SANITIZED.get("mcp__tracker__create_issue").at("/properties/due/format").asString()).isEqualTo("date-time");
    }

    @Test
    void referencesAreInlinedAndRecursionEnds() {
        JsonNode issue = SANITIZED.get("mcp__tracker__create_issue");
        JsonNode label = issue.at("/properties/labels/items");
        assertThat(label.get("type").asString()).isEqualTo("object");
        assertThat(texts(label.get("required"))).containsExactly("name");
        assertThat(label.at("/properties/color/pattern").asString()).isEqualTo("^[0-9a-f]{6}$");
        JsonNode outline = issue.at("/properties/outline");
        assertThat(outline.at("/properties/children/items/properties/title/type").asString()).isEqualTo("string");
        assertThat(outline.at("/properties/children/items/properties/children/items/type").asString()).isEqualTo("object");
        JsonNode target = issue.at("/properties/target"); // allOf of a reference and an extension
        assertThat(target.get("properties").propertyNames()).containsExactly("name", "color", "weight");
        assertThat(texts(target.get("required"))).containsExactly("name", "weight");
    }

    @Test
    void mapsTuplesAndUntypedValuesGetTypesGeminiKnows() {
        JsonNode issue = SANITIZED.get("mcp__tracker__create_issue");
        assertThat(issue.at("/properties/metadata/type").asString()).isEqualTo("object");
        assertThat(issue.at("/properties/metadata").has("properties")).isFalse();
        assertThat(SANITIZED.get("AskUserQuestion").at("/properties/answers/description").asString()).contains("values are strings");
        assertThat(issue.at("/properties/coordinates/items/type").asString()).isEqualTo("number");
        assertThat(issue.at("/properties/anything/type").asString()).isEqualTo("string");
        assertThat(issue.at("/properties/size/description").asString()).contains("one of 1, 2, 3, 5, 8");
        assertThat(issue.at("/properties/links/example/0").asString()).isEqualTo("https://example.com");
    }

    @Test
    void rootAlternativesOfObjectsMergeIntoOneObject() {
        JsonNode schema = Json.MAPPER.readTree("""
                {"oneOf":[
                  {"type":"object","properties":{"id":{"type":"string"},"force":{"type":"boolean"}},"required":["id","force"]},
                  {"type":"object","properties":{"path":{"type":"string"},"force":{"type":"boolean"}},"required":["path","force"]}]}""");
        ObjectNode out = GeminiSchema.parameters(schema);
        assertThat(out.get("properties").propertyNames()).containsExactly("id", "force", "path");
        assertThat(texts(out.get("required"))).containsExactly("force");
    }

    @Test
    void mutuallyReferringDefinitionsEnd() {
        JsonNode schema = Json.MAPPER.readTree("""
                {"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},
                 "$defs":{"A":{"allOf":[{"$ref":"#/$defs/B"}]},"B":{"allOf":[{"$ref":"#/$defs/A"}],"properties":{"x":{"type":"string"}}}}}""");

        ObjectNode out = GeminiSchema.parameters(schema);
        List<String> problems = new ArrayList<>();
        walk(out, "root", problems);
        assertThat(problems).isEmpty();
    }

    /** Every schema node: known fields only, a known type or anyOf, string enums, items on arrays, no empty properties. */
    private static void walk(JsonNode node, String at, List<String> problems) {
        for (String key : node.propertyNames()) if (!GEMINI_SCHEMA_FIELDS.contains(key)) problems.add(at + ": unknown field " + key);
        String type = node.path("type").asString(null);
        if (type == null && !node.has("anyOf")) problems.add(at + ": no type");
        if (type != null && !GEMINI_TYPES.contains(type)) problems.add(at + ": type " + type);
        for (JsonNode v : node.path("enum")) if (!v.isString()) problems.add(at + ": enum value " + v);
        if ("array".equals(type) && !node.has("items")) problems.add(at + ": array without items");
        if (node.has("properties") && node.get("properties").isEmpty()) problems.add(at + ": empty properties");
        for (String r : texts(node.get("required"))) if (!node.path("properties").has(r)) problems.add(at + ": required " + r + " undefined");
        node.path("properties").properties().forEach(e -> walk(e.getValue(), at + ".properties." + e.getKey(), problems));
        if (node.has("items")) walk(node.get("items"), at + ".items", problems);
        int i = 0;
        for (JsonNode b : node.path("anyOf")) walk(b, at + ".anyOf[" + i++ + "]", problems);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) for (JsonNode v : array) out.add(v.asString());
        return out;
    }
}
