package dev.baton.testing;

import dev.baton.dialect.Json;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Random JSON values of every type, nested a little: the odd values a fuzz test puts where a reader expects others. */
public final class RandomJson {
    private RandomJson() {
    }

    public static JsonNode any(Random r) {
        return any(r, 1);
    }

    private static JsonNode any(Random r, int depth) {
        int kind = r.nextInt(depth > 2 ? 5 : 7);
        return switch (kind) {
            case 0 -> Json.MAPPER.nullNode();
            case 1 -> Json.MAPPER.getNodeFactory().booleanNode(r.nextBoolean());
            case 2 -> Json.MAPPER.getNodeFactory().numberNode(r.nextInt(100) - 50);
            case 3 -> Json.MAPPER.getNodeFactory().numberNode(r.nextDouble());
            case 4 -> Json.MAPPER.getNodeFactory().stringNode("s\"\\\n" + r.nextInt(10));
            case 5 -> {
                ArrayNode a = Json.MAPPER.createArrayNode();
                for (int i = r.nextInt(3); i > 0; i--) a.add(any(r, depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = Json.MAPPER.createObjectNode();
                for (int i = r.nextInt(3); i > 0; i--) o.set("k" + r.nextInt(3), any(r, depth + 1));
                yield o;
            }
        };
    }
}
