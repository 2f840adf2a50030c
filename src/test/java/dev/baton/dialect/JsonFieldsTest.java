package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JsonFieldsTest {

    private static JsonFields fields(String json) {
        return JsonFields.of(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String splice(String json, String model) {
        byte[] out = fields(json).withString("model", model);
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void withValuesReplacesPresentFieldsAndAddsAbsentOnesFirstKeepingEveryOtherByte() {
        JsonFields f = JsonFields.of("{ \"b\" : [1, 2],\n \"model\":\"x\" , \"stream\": false }".getBytes(StandardCharsets.UTF_8));
        assertThat(join(f.withValues(java.util.Map.of("model", "\"y\"".getBytes(StandardCharsets.UTF_8),
                "stream", "true".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("{ \"b\" : [1, 2],\n \"model\":\"y\" , \"stream\": true }");
        JsonFields g = JsonFields.of("{\"model\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(join(g.withValues(java.util.Map.of("stream", "true".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("{\"stream\":true,\"model\":\"x\"}");
        assertThat(join(JsonFields.of("{}".getBytes(StandardCharsets.UTF_8))
                .withValues(java.util.Map.of("stream", "true".getBytes(StandardCharsets.UTF_8))))).isEqualTo("{\"stream\":true}");
        assertThat(JsonFields.of("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)).withValues(java.util.Map.of())).isNull();
    }

    private static String join(java.nio.ByteBuffer[] parts) {
        StringBuilder out = new StringBuilder();
        for (java.nio.ByteBuffer p : parts) out.append(StandardCharsets.UTF_8.decode(p.duplicate()));
        return out.toString();
    }

    @Test
    void locatesTopLevelFieldsOnly() {
        JsonFields f = fields(" {\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"model\\\": \\\"x\\\"\",\"model\":\"inner\"}],"
                + "\"metadata\":{\"model\":\"meta\", \"user_id\":\"u\"}, \"model\" : \"claude-sonnet-4-5\" ,\"stream\":true,\"max_tokens\":-1.5e3,\"é\":\"ü\"}\n");
        assertThat(f.node("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(f.node("metadata").path("user_id").asString()).isEqualTo("u");
        assertThat(f.node("stream").asBoolean()).isTrue();
        assertThat(f.node("max_tokens").asDouble()).isEqualTo(-1500.0);
        assertThat(f.node("é").asString()).isEqualTo("ü");
        assertThat(f.firstByte("messages")).isEqualTo((byte) '[');
        assertThat(f.has("role")).isFalse();
        assertThat(f.node("absent")).isNull();
        assertThat(f.duplicateKeys()).isFalse();
    }

    @Test
    void splicesOnlyTheTopLevelModelAndKeepsEveryOtherByte() {
        String json = " {\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"model\\\": \\\"x\\\"\",\"model\":\"inner\"}],"
                + "\"metadata\":{\"model\":\"meta\"}, \"model\" : \"claude-sonnet-4-5\" ,\"stream\":true,\"é\":\"ü\"}\n";
        assertThat(splice(json, "claude-sonnet-4-5-20250929")).isEqualTo(json.replace("\"claude-sonnet-4-5\"", "\"claude-sonnet-4-5-20250929\""));
        assertThat(splice("{\"model\":\"a\"}", "we\"ird\\")).isEqualTo("{\"model\":\"we\\\"ird\\\\\"}");
        assertThat(splice("{\"x\":\"model\",\"model\":\"a\"}", "b")).isEqualTo("{\"x\":\"model\",\"model\":\"b\"}");
        assertThat(splice("{\"mod\\u0065l\":\"a\"}", "b")).as("an escaped key is still the key").isEqualTo("{\"mod\\u0065l\":\"b\"}");
    }

    @Test
    void declinesToSpliceWhatItCannotDoSafely() {
        assertThat(fields("{\"model\":\"a\",\"model\":\"b\"}").duplicateKeys()).isTrue();
        assertThat(splice("{\"model\":\"a\",\"model\":\"b\"}", "m")).as("duplicate key").isNull();
        assertThat(splice("{\"messages\":[]}", "m")).as("missing").isNull();
    }

    @Test
    void notesWhichValuesHoldTheWatchedString() {
        JsonFields f = JsonFields.of(("{\"system\":\"\\\"thinking\\\"\",\"messages\":[{\"type\":\"thinking\"}],\"x\":\"thinking\","
                + "\"y\":[\"thinkin\",\"hinking\",\"thinking!\"],\"thinking\":{\"type\":\"enabled\"}}").getBytes(StandardCharsets.UTF_8), "thinking");
        assertThat(f.mayHold("messages")).isTrue();
        assertThat(f.mayHold("x")).as("the whole value").isTrue();
        assertThat(f.mayHold("system")).as("escaped quotes inside a longer string").isFalse();
        assertThat(f.mayHold("y")).as("near misses").isFalse();
        assertThat(f.mayHold("thinking")).as("a top-level key is not inside any value").isFalse();
        assertThat(JsonFields.of("{\"messages\":[]}".getBytes(StandardCharsets.UTF_8)).mayHold("messages")).as("nothing watched").isTrue();
    }

    /**
     * The tools and messages a client sends again are known by their bytes from their second sighting (ScannedValues)
     * and not validated again; whatever differs from them in a byte is scanned as ever.
     */
    @Test
    void valuesScannedBeforeAreKnownByTheirExactBytesOnly() {
        String tool = "{\"name\":\"Read\",\"description\":\"" + "reads a \\\"file\\\" [x] {y}\\n".repeat(20) + "\",\"input_schema\":{}}";
        String thinking = "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"" + "hm, ".repeat(80) + "\"}]}";
        String text = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + "fix it ".repeat(50) + "\"}]}";
        String body = "{\"messages\":[" + text + "," + thinking + "],\"tools\":[" + tool + "]}";
        for (int round = 0; round < 3; round++) { // from the second round on, the three values are known
            JsonFields f = JsonFields.of(body.getBytes(StandardCharsets.UTF_8), "thinking");
            assertThat(f.mayHold("messages")).as("round %d", round).isTrue();
            assertThat(f.mayHold("tools")).as("round %d", round).isFalse();
            assertThat(f.tree()).as("round %d", round).isEqualTo(Json.MAPPER.readTree(body));
            JsonFields onlyText = JsonFields.of(("{\"messages\":[" + text + "]}").getBytes(StandardCharsets.UTF_8), "thinking");
            assertThat(onlyText.mayHold("messages")).as("round %d", round).isFalse();
        }
        String[] invalid = {
            "{\"messages\":[" + text + " x," + thinking + "]}", // known bytes, then what cannot follow a value
            "{\"messages\":[" + text + "," + thinking.substring(0, thinking.length() - 1) + "]}", // cut short
            "{\"messages\":[" + text.replace("fix it fix", "fix it\tfix") + "]}", // a raw tab inside
            "{\"messages\":[" + text.replace("\"}]}", "\"}]") + "]}", // one bracket missing at the end
            "{\"messages\":[" + text + "],\"tools\":[" + tool.replace("\\n", "\\q") + "]}", // a bad escape in the tools
            "{\"messages\":[" + text + "],\"tools\":[" + tool + "] 1}", // the known tools, then a stray value
        };
        for (String s : invalid) {
            assertThatThrownBy(() -> JsonFields.of(s.getBytes(StandardCharsets.UTF_8), "thinking")).as(s).isInstanceOf(JsonFields.Invalid.class);
        }
    }

    @Test
    void refusesWhatIsNotValidJson() {
        String[] invalid = {
            "", " ", "{", "}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{,}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{a:1}", "{'a':1}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":tru}",
            "{\"a\":nul}", "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"new\nline\"}",
            "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":[}", "{\"a\":{]}", "{\"a\":1 /* c */}", "{\"a\":\"\\",
            "{\"messages\":", "{\"messages\": ", "{\"messages\":[", "{\"messages\":[{}", "{\"messages\":[{},]}",
        };
        for (String s : invalid) {
            assertThatThrownBy(() -> fields(s)).as(s).isInstanceOf(JsonFields.Invalid.class)
                    .satisfies(e -> assertThat(((JsonFields.Invalid) e).notAnObject()).as(s).isFalse());
        }
        for (String s : new String[] {"[]", "\"model\"", "1", "null", " [{\"model\":\"a\"}] "}) {
            assertThatThrownBy(() -> fields(s)).as(s).isInstanceOf(JsonFields.Invalid.class)
                    .satisfies(e -> assertThat(((JsonFields.Invalid) e).notAnObject()).as(s).isTrue());
        }
        String deep = "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}";
        assertThatThrownBy(() -> fields(deep)).isInstanceOf(JsonFields.Invalid.class).hasMessageContaining("nested deeper");
    }

    @Test
    void acceptsEveryValidForm() {
        String[] valid = {
            "{}", " {\n\t\"a\" : 1 } ", "{\"a\":[]}", "{\"a\":{}}", "{\"a\":-0.5E+10}", "{\"a\":0}", "{\"a\":1e-3}",
            "{\"a\":[true,false,null,\"\",{\"b\":[[]]}]}", "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}", "{\"a\":\"é — 日本語 😀\"}",
            "{\"long\":\"" + "x".repeat(1000) + "\\n" + "y".repeat(13) + "\"}",
        };
        for (String s : valid) assertThat(fields(s)).as(s).isNotNull();
    }

    /** The history is read element by element (SharedValues.history): whatever its shape, the tree is Jackson's. */
    @Test
    void theHistoryInEveryShapeMakesJacksonsTree() {
        String big = "\"" + "x]},[{\\\"".repeat(60) + "\"";
        String[] bodies = {
            "{\"messages\":[]}", "{\"messages\":\"text\"}", "{\"messages\":{\"role\":\"user\"}}", "{\"messages\":null}",
            "{\"messages\" : [ {\"a\":" + big + "} ,\n\t{\"b\":[1,[2,{\"c\":" + big + "}]]}, 3, \"s\", [ ] ] , \"z\":1}",
            "{\"other\":[{\"messages\":[1]}],\"messages\":[{\"x\":" + big + "}, {\"x\":" + big + "}]}",
        };
        for (int round = 0; round < 3; round++) { // the first rounds fill the memo, the last reads from it
            for (String body : bodies) {
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                assertThat(JsonFields.of(b).tree()).as(body).isEqualTo(Json.MAPPER.readTree(b));
                assertThat(JsonFields.of(b).tree().toString()).as(body).isEqualTo(Json.MAPPER.readTree(b).toString());
            }
        }
    }

    /** Random edits of a conversation: where the scan and Jackson accept the bytes, the trees are equal, memo or not. */
    @Test
    void theTreeOfAConversationIsJacksonsUnderRandomEdits() {
        StringBuilder json = new StringBuilder("{\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cch=1;\"},"
                + "{\"type\":\"text\",\"text\":\"" + "You are [a] {helper}, \\\"quoted\\\"\\n".repeat(20) + "\"}],\"messages\":[");
        for (int m = 0; m < 6; m++) {
            if (m > 0) json.append(',');
            json.append("{\"role\":\"").append(m % 2 == 0 ? "user" : "assistant").append("\",\"content\":[{\"type\":\"text\",\"text\":\"")
                    .append(("turn " + m + " [x, {y}] \\u00e9 ").repeat(25)).append("\"},{\"n\":[1,[2,3],{\"k\":null}]}]}");
        }
        byte[] original = json.append("],\"max_tokens\":10}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(JsonFields.of(original).tree()).isEqualTo(Json.MAPPER.readTree(original));
        Random random = new Random(7);
        byte[] alphabet = "{}[]\",:\\ \n0123456789tfnulx".getBytes(StandardCharsets.ISO_8859_1);
        int compared = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] b = original.clone();
            for (int e = 1 + random.nextInt(3); e > 0; e--) b[random.nextInt(b.length)] = alphabet[random.nextInt(alphabet.length)];
            if (!scanAccepts(b) || !jacksonAcceptsObject(b)) continue;
            for (int twice = 0; twice < 3; twice++) { // the third time, its messages come from the memo
                assertThat(JsonFields.of(b).tree()).as("round %d", round).isEqualTo(Json.MAPPER.readTree(b));
            }
            compared++;
        }
        assertThat(compared).as("edits inside strings keep the JSON valid").isGreaterThan(300);
    }

    /** Random corruptions of a real Claude Code request: the scan accepts exactly what Jackson accepts. */
    @Test
    void agreesWithJacksonOnCorruptedRequests() throws IOException {
        byte[] tools;
        try (InputStream in = JsonFieldsTest.class.getResourceAsStream("/claude-code-tools.json")) {
            tools = in.readAllBytes();
        }
        byte[] original = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"fix the \\\"bug\\\"\\nplease \\u00e9\"}]}],\"temperature\":-1.5e-2,"
                + "\"tools\":" + new String(tools, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(JsonFields.of(original)).isNotNull();
        Random random = new Random(42);
        byte[] alphabet = "{}[]\",:\\ \n0123456789.eE+-tfnulx\u0001".getBytes(StandardCharsets.ISO_8859_1);
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] b = original.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) b[random.nextInt(b.length)] = alphabet[random.nextInt(alphabet.length)];
            boolean jackson = jacksonAcceptsObject(b);
            boolean ours = scanAccepts(b);
            assertThat(ours).as("round %d: %s", round, new String(b, StandardCharsets.UTF_8).substring(0, 80)).isEqualTo(jackson);
            if (ours) {
                accepted++; // and the tree, built field by field and message by message, is Jackson's
                assertThat(JsonFields.of(b).tree()).as("round %d", round).isEqualTo(Json.MAPPER.readTree(b));
            }
        }
        assertThat(accepted).as("some corruptions stay valid JSON (inside strings)").isGreaterThan(100);
    }

    @Test
    void refusesInvalidUtf8AndLoneSurrogatesAsTheBodyIsScanned() {
        byte[][] invalid = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},                         // never in UTF-8
            {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},                         // a stray continuation byte
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'},            // an overlong NUL
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // a surrogate, encoded
            {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'}, // past U+10FFFF
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},            // truncated
            {'{', '"', (byte) 0xC3, '"', ':', '1', '}'},                                    // in a key
        };
        for (byte[] b : invalid) {
            assertThatThrownBy(() -> JsonFields.of(b)).as(java.util.HexFormat.of().formatHex(b)).isInstanceOf(JsonFields.Invalid.class)
                    .hasMessageContaining("UTF-8");
        }
        for (String s : new String[] {"{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"x\\ud83d\\u0041\"}", "{\"a\":\"\\ud83d\"}"}) {
            assertThatThrownBy(() -> fields(s)).as(s).isInstanceOf(JsonFields.Invalid.class).hasMessageContaining("surrogate");
        }
        assertThat(fields("{\"a\":\"\\ud83d\\ude00 é 日 😀 \\u00e9\"}").node("a").asString()).isEqualTo("😀 é 日 😀 é");
    }

    private static boolean strictUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)); // reports malformed input by default
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** Random bytes outside ASCII dropped into a real request: the scan accepts exactly the valid UTF-8 Jackson accepts. */
    @Test
    void agreesWithJacksonOnUtf8() {
        byte[] original = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo 日本 😀 wörld\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] b = original.clone();
            int at = 40 + random.nextInt(b.length - 45); // inside the content string
            for (int e = 0; e < 1 + random.nextInt(3) && at + e < b.length - 4; e++) b[at + e] = (byte) (0x80 + random.nextInt(0x80));
            boolean ours = scanAccepts(b);
            // Jackson lets 4-byte forms past U+10FFFF through (leads F5-F7); the JDK's decoder is RFC 3629's judge
            assertThat(ours).as("round %d: %s", round, java.util.HexFormat.of().formatHex(b)).isEqualTo(jacksonAcceptsObject(b) && strictUtf8(b));
            if (ours) accepted++;
        }
        assertThat(accepted).as("some replacements are valid UTF-8 still").isGreaterThan(10);
    }

    /** The tree built for large bodies ({@link JsonTree}) is the tree Jackson builds, node types included. */
    @Test
    void ownTreeEqualsJacksonsTree() throws IOException {
        String[] samples = {
            "{}", "{\"a\":[]}", "{\"a\":-0,\"b\":-0.0,\"c\":1E+2,\"d\":2147483647,\"e\":2147483648,\"f\":-9223372036854775808,"
                    + "\"g\":9223372036854775808,\"h\":123456789012345678901234567890,\"i\":1.5e-300,\"j\":1e400,\"k\":0}",
            "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 plain é 日本 😀\",\"b\":[true,false,null,{\"c\":[[{}]]}]}",
            "{\"dup\":1,\"dup\":{\"x\":2},\"z\" : [ 1 , 2 ] }",
        };
        for (String sample : samples) {
            byte[] b = sample.getBytes(StandardCharsets.UTF_8);
            assertThat(JsonTree.of(b)).as(sample).isEqualTo(Json.MAPPER.readTree(b));
        }
        byte[] tools;
        try (InputStream in = JsonFieldsTest.class.getResourceAsStream("/claude-code-tools.json")) {
            tools = in.readAllBytes();
        }
        byte[] request = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"tools\":" + new String(tools, StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(JsonTree.of(request)).isEqualTo(Json.MAPPER.readTree(request));
        byte[] large = ("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(300_000) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(JsonFields.of(large).tree()).as("a body past the megabyte goes through JsonTree").isEqualTo(Json.MAPPER.readTree(large));
    }

    private static boolean scanAccepts(byte[] b) {
        try {
            JsonFields.of(b);
            return true;
        } catch (JsonFields.Invalid e) {
            return false;
        }
    }

    private static boolean jacksonAcceptsObject(byte[] b) {
        try {
            return Json.MAPPER.readTree(b).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }
}
