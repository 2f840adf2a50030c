package dev.baton.server;

import dev.baton.dialect.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body whose tools, or messages, are new bytes on every call of {@link #next}, so that nothing Baton keeps
 * from one turn to the next (dev.baton.dialect.SharedValues, ScannedValues) serves: a client that changes its tools on
 * every call, or a conversation's first turn, or a client that rewrites its history. The tools change in eight letters of
 * the first tool's description; each message gets sixteen bytes of whitespace after its opening brace (its {@code
 * messages} move to the front for that); both count up.
 */
final class ChangingBody {
    private final byte[] bytes;
    /** Where eight bytes of the first tool's description are; -1: the tools do not change (or there are none). */
    private final int toolsAt;
    /** Where each message's sixteen bytes of whitespace are; empty: the messages do not change. */
    private final int[] padAt;
    private long count;

    ChangingBody(byte[] body, boolean newTools, boolean newHistory) {
        List<Integer> pads = new ArrayList<>();
        bytes = newHistory ? padded(body, pads) : body.clone();
        padAt = pads.stream().mapToInt(Integer::intValue).toArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int description = text.indexOf("\"description\":\"", Math.max(0, text.indexOf("\"tools\"")));
        toolsAt = newTools && description > 0 ? description + 15 : -1;
    }

    /** The body, changed in place where it is to be new bytes. */
    byte[] next() {
        long n = count++;
        if (toolsAt >= 0) for (int i = 0; i < 8; i++) bytes[toolsAt + i] = (byte) ('a' + (n >>> 4 * i & 15));
        for (int at : padAt) for (int i = 0; i < 16; i++) bytes[at + i] = (byte) ((n >>> i & 1) == 0 ? ' ' : '\t');
        return bytes;
    }

    private static byte[] padded(byte[] body, List<Integer> at) {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(body);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(utf8("{\"messages\":["));
        String comma = "";
        for (JsonNode m : tree.remove("messages")) {
            json.writeBytes(utf8(comma + "{"));
            at.add(json.size());
            json.writeBytes(utf8(" ".repeat(16) + m.toString().substring(1)));
            comma = ",";
        }
        json.writeBytes(utf8("]," + tree.toString().substring(1)));
        return json.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
