package dev.baton.dialect;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tree of a JSON object that {@link JsonFields} has already validated, built with one String per string value
 * and nothing else copied. Jackson's parser holds a string's characters twice over (two bytes each) on the way to
 * the String, so one 30 MB string took 150 MB and ran the gateway's heap out; here it takes the String's 30 MB. The
 * nodes are those Jackson builds (IntNode, LongNode, DoubleNode, ...; a repeated key keeps its last value), so the
 * two trees are equal.
 */
final class JsonTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final byte[] b;
    private int i;

    private JsonTree(byte[] b) {
        this.b = b;
    }

    /** @param json one JSON object that {@link JsonFields} accepted */
    static ObjectNode of(byte[] json) {
        JsonTree t = new JsonTree(json);
        t.space();
        return (ObjectNode) t.value();
    }

    private JsonNode value() {
        return switch (b[i]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> NODES.stringNode(string());
            case 't' -> literal(4, NODES.booleanNode(true));
            case 'f' -> literal(5, NODES.booleanNode(false));
            case 'n' -> literal(4, NODES.nullNode());
            default -> number();
        };
    }

    private JsonNode literal(int length, JsonNode node) {
        i += length;
        return node;
    }

    private ObjectNode object() {
        ObjectNode o = NODES.objectNode();
        i++;
        space();
        if (b[i] == '}') {
            i++;
            return o;
        }
        while (true) {
            String key = string();
            space();
            i++; // ':'
            space();
            o.set(key, value());
            space();
            if (b[i++] == '}') return o;
            space();
        }
    }

    private ArrayNode array() {
        ArrayNode a = NODES.arrayNode();
        i++;
        space();
        if (b[i] == ']') {
            i++;
            return a;
        }
        while (true) {
            a.add(value());
            space();
            if (b[i++] == ']') return a;
            space();
        }
    }

    /** The string opening at i, decoded; i ends past its closing quote. */
    private String string() {
        int start = ++i;
        while (b[i] != '"' && b[i] != '\\') i++;
        if (b[i] == '"') return new String(b, start, i++ - start, StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(new String(b, start, i - start, StandardCharsets.UTF_8));
        while (true) {
            int run = i;
            while (b[i] != '"' && b[i] != '\\') i++;
            if (i > run) s.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            if (b[i] == '"') {
                i++;
                return s.toString();
            }
            char e = (char) b[i + 1];
            i += 2;
            switch (e) {
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> { // surrogate pairs come as two escapes, each appended as its code unit
                    s.append((char) Integer.parseInt(new String(b, i, 4, StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> s.append(e); // " \ /
            }
        }
    }

    /** Integers of up to 18 digits here; anything else (fractions, exponents, big integers) as Jackson reads it. */
    private JsonNode number() {
        int start = i;
        boolean plain = true;
        while (i < b.length && (b[i] == '-' || b[i] == '+' || b[i] == '.' || b[i] == 'e' || b[i] == 'E' || b[i] >= '0' && b[i] <= '9')) {
            if (b[i] == '.' || b[i] == 'e' || b[i] == 'E') plain = false;
            i++;
        }
        int digits = i - start - (b[start] == '-' ? 1 : 0);
        if (!plain || digits > 18) return Json.MAPPER.readTree(b, start, i - start);
        long v = 0;
        for (int k = b[start] == '-' ? start + 1 : start; k < i; k++) v = v * 10 + (b[k] - '0');
        if (b[start] == '-') v = -v;
        return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }

    private void space() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
    }
}
