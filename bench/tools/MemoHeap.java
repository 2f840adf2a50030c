import dev.baton.dialect.JsonFields;
import dev.baton.dialect.SharedValues;
import dev.baton.dialect.anthropic.AnthropicRequestDecoder;
import dev.baton.dialect.anthropic.AnthropicRequestEncoder;
import dev.baton.dialect.anthropic.TokenEstimator;
import dev.baton.dialect.openai.OpenAiRequestEncoder;
import dev.baton.canonical.ChatRequest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/**
 * The heap that {@link SharedValues} and the token estimator's memos hold for n distinct tool sets: each is sent
 * twice (kept from its second sighting), translated to OpenAI and Anthropic bodies, counted and written as a tree,
 * as to an Anthropic-compatible host (which keeps the serialization of shared values), then the heap in use
 * after a full GC is compared with before (bench/README, "A session's tools, once"). With {@code history} as a third
 * argument every message of the turn differs instead (whitespace after its opening brace), so the n turns fill
 * {@link SharedValues#history()} ("A conversation's history, once").
 *
 *   ./mvnw -q package -DskipTests
 *   javac -cp target/baton.jar -d /tmp/memo bench/tools/MemoHeap.java
 *   java -XX:+UseSerialGC -Xmx512m -cp target/baton.jar:/tmp/memo MemoHeap bench/fixtures/cc-request.json 20 [history]
 */
public class MemoHeap {
    public static void main(String[] a) throws Exception {
        String body = Files.readString(Path.of(a[0]));
        int n = Integer.parseInt(a[1]);
        boolean history = a.length > 2 && a[2].equals("history");
        System.gc(); Thread.sleep(200); System.gc();
        Runtime r = Runtime.getRuntime();
        long before = r.totalMemory() - r.freeMemory();
        for (int i = 0; i < n; i++) {
            String b = history ? historyVariant(body, i) : variant(body, i);
            for (int k = 0; k < 2; k++) {
                byte[] bytes = b.getBytes();
                ObjectNode tree = JsonFields.of(bytes).tree();
                ChatRequest c = AnthropicRequestDecoder.decode(tree);
                SharedValues.shared().write(OpenAiRequestEncoder.encode(c, false), OutputStream.nullOutputStream());
                SharedValues.shared().write(AnthropicRequestEncoder.encode(c), OutputStream.nullOutputStream());
                TokenEstimator.shared().estimate(tree);
                SharedValues.shared().write(SharedValues.topLevelCopy(tree), OutputStream.nullOutputStream()); // as to an Anthropic-compatible host, as a tree
            }
        }
        System.gc(); Thread.sleep(200); System.gc();
        long after = r.totalMemory() - r.freeMemory();
        byte[] first = variant(body, 0).getBytes();
        System.out.println("the first set still shared: " + (JsonFields.of(first).tree().get("tools") == JsonFields.of(first).tree().get("tools")));
        System.out.printf("%d %s: %.1f MB retained%n", n, history ? "histories" : "tool sets", (after - before) / 1e6);
    }

    /** The body with its first tool description changed: tool set number {@code i}. */
    private static String variant(String body, int i) {
        int at = body.indexOf("\"description\":\"", body.indexOf("\"tools\"")) + "\"description\":\"".length();
        return body.substring(0, at) + "v" + i + " " + body.substring(at);
    }

    /** The body with twelve bits of {@code i} as spaces and tabs after each message's opening brace. */
    private static String historyVariant(String body, int i) {
        StringBuilder pad = new StringBuilder();
        for (int bit = 0; bit < 12; bit++) pad.append((i >>> bit & 1) == 0 ? ' ' : '\t');
        return body.replace("{\"role\":", "{" + pad + "\"role\":");
    }
}
