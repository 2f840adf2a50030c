import dev.baton.dialect.Json;
import dev.baton.dialect.anthropic.AnthropicRequestDecoder;
import dev.baton.dialect.openai.OpenAiRequestEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the Chat Completions form of an Anthropic request body, streamed: what an OpenAI-dialect client (Cline, Aider,
 * an OpenAI SDK) would send for the same turn. Used by openai-passthrough.sh.
 *
 *   java -cp target/baton.jar bench/tools/OpenAiTurn.java bench/fixtures/cc-request.json /tmp/openai-turn.json
 */
public class OpenAiTurn {
    public static void main(String[] a) throws Exception {
        ObjectNode anthropic = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(Path.of(a[0])));
        ObjectNode openAi = OpenAiRequestEncoder.encode(AnthropicRequestDecoder.decode(anthropic), false);
        openAi.put("stream", true);
        Files.write(Path.of(a[1]), Json.MAPPER.writeValueAsBytes(openAi));
    }
}
