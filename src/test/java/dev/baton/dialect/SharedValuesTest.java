package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.ChatRequest;
import dev.baton.dialect.anthropic.AnthropicRequestDecoder;
import dev.baton.dialect.anthropic.AnthropicRequestEncoder;
import dev.baton.dialect.anthropic.TokenEstimator;
import dev.baton.dialect.gemini.GeminiModel;
import dev.baton.dialect.gemini.GeminiRequestEncoder;
import dev.baton.dialect.openai.OpenAiRequestDecoder;
import dev.baton.dialect.openai.OpenAiRequestEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class SharedValuesTest {

    private static String claudeCodeTools() {
        try (InputStream in = SharedValuesTest.class.getResourceAsStream("/claude-code-tools.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Claude Code turn: its tools, a system prompt, and one message that differs from turn to turn. */
    private static byte[] turn(String tools, String question) {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\\n\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}],\"tools\":" + tools
                + ",\"metadata\":{\"user_id\":\"u\"},\"stream\":true,\"temperature\":1.5e0}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameToolsBytesParseOnceAndEveryTreeIsTheOneJacksonBuilds() {
        String tools = claudeCodeTools();
        byte[] first = turn(tools, "one");
        byte[] second = turn(tools, "two \\u00e9 \\\"quoted\\\"");
        JsonFields.of(first).tree(); // the first sighting, which other tests may have had already
        ObjectNode a = JsonFields.of(first).tree();
        ObjectNode b = JsonFields.of(second).tree();
        assertThat(b.get("tools")).as("one node for the same bytes").isSameAs(a.get("tools"));
        assertThat(b.get("messages")).isNotSameAs(a.get("messages"));
        assertThat(a).isEqualTo(Json.MAPPER.readTree(first));
        assertThat(b).isEqualTo(Json.MAPPER.readTree(second));
        assertThat(b.toString()).as("fields in the order they came").isEqualTo(Json.MAPPER.readTree(second).toString());

        String changed = tools.replaceFirst("\"description\": \"", "\"description\": \"Changed. ");
        assertThat(changed).isNotEqualTo(tools);
        ObjectNode c = JsonFields.of(turn(changed, "one")).tree();
        assertThat(c.get("tools")).isNotSameAs(a.get("tools")).isNotEqualTo(a.get("tools"));
        assertThat(SharedValues.shared().isShared(c.get("tools"))).as("not kept at its first sighting").isFalse();
        assertThat(JsonFields.of(turn(changed, "one")).tree().get("tools")).isNotSameAs(c.get("tools"));
        assertThat(SharedValues.shared().isShared(JsonFields.of(turn(changed, "two")).tree().get("tools"))).as("kept at its second").isTrue();

        ObjectNode small = JsonFields.of(turn("[{\"name\":\"x\",\"input_schema\":{\"type\":\"object\"}}]", "q")).tree();
        ObjectNode again = JsonFields.of(turn("[{\"name\":\"x\",\"input_schema\":{\"type\":\"object\"}}]", "q")).tree();
        assertThat(again.get("tools")).as("small values are parsed each time").isNotSameAs(small.get("tools"));
        assertThat(SharedValues.shared().isShared(small.get("tools"))).isFalse();
    }

    @Test
    void derivedValuesAreRememberedOnlyForSharedNodes() {
        SharedValues memo = new SharedValues(1 << 20);
        byte[] json = ("[\"" + "x".repeat(SharedValues.MIN_BYTES) + "\"]").getBytes(StandardCharsets.UTF_8);
        memo.node(json, 0, json.length, Json.MAPPER::readTree);
        JsonNode node = memo.node(json, 0, json.length, Json.MAPPER::readTree);
        assertThat(memo.node(json.clone(), 0, json.length, (b, start, length) -> { throw new AssertionError("parsed twice"); })).isSameAs(node);
        AtomicInteger made = new AtomicInteger();
        String first = memo.<JsonNode, String>derive(node, "length", n -> "made " + made.incrementAndGet());
        String second = memo.<JsonNode, String>derive(node, "length", n -> "made " + made.incrementAndGet());
        assertThat(second).isSameAs(first);
        String upper = memo.<String, String>derive(first, "upper", String::toUpperCase);
        assertThat(upper).as("derived from a derived value").isEqualTo("MADE 1");
        String again = memo.<String, String>derive(upper, "again", s -> s + made.incrementAndGet());
        String remembered = memo.<String, String>derive(memo.<String, String>derive(first, "upper", String::toUpperCase), "again", s -> s + "x");
        assertThat(again).isEqualTo("MADE 12").isSameAs(remembered);
        JsonNode unshared = node.deepCopy();
        String fresh = memo.<JsonNode, String>derive(unshared, "length", n -> "fresh");
        String freshAgain = memo.<JsonNode, String>derive(unshared, "length", n -> "fresh again");
        assertThat(fresh).isEqualTo("fresh");
        assertThat(freshAgain).isEqualTo("fresh again");
    }

    /** A value of MIN_BYTES whose first and last 64 bytes and length are the same for every {@code middle}. */
    private static byte[] sameEdges(String middle) {
        String x = "x".repeat(SharedValues.MIN_BYTES);
        return ("[\"" + x + "\",\"" + middle + "\",\"" + x + "\"]").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void valuesAlikeAtBothEndsAreToldApartByAllTheirBytes() {
        SharedValues memo = new SharedValues(1 << 20);
        byte[] a = sameEdges("aaaa");
        byte[] b = sameEdges("bbbb");
        assertThat(SharedValues.Bytes.of(a, 0, a.length).hash()).as("a lookup hashes the edges").isEqualTo(SharedValues.Bytes.of(b, 0, b.length).hash());
        for (int i = 0; i < 2; i++) { // each seen twice: both kept
            memo.node(a, 0, a.length, Json.MAPPER::readTree);
            memo.node(b, 0, b.length, Json.MAPPER::readTree);
        }
        SharedValues.Parse never = (bytes, start, length) -> { throw new AssertionError("parsed again"); };
        assertThat(memo.node(a.clone(), 0, a.length, never).get(1).asString()).isEqualTo("aaaa");
        assertThat(memo.node(b.clone(), 0, b.length, never).get(1).asString()).isEqualTo("bbbb");

        // a client that changes a few bytes in the middle every call: each value is new, none is kept
        for (int i = 0; i < 20; i++) {
            byte[] changing = sameEdges(String.format("%04d", i));
            JsonNode node = memo.node(changing, 0, changing.length, Json.MAPPER::readTree);
            assertThat(node.get(1).asString()).isEqualTo(String.format("%04d", i));
            assertThat(memo.isShared(node)).as("value %d, seen once", i).isFalse();
        }
    }

    @Test
    void pastItsBoundTheMemoForgetsEverythingAndStartsAgain() {
        SharedValues memo = new SharedValues(3 * SharedValues.MIN_BYTES);
        JsonNode[] nodes = new JsonNode[4];
        for (int i = 0; i < 4; i++) {
            byte[] json = ("[\"" + (char) ('a' + i) + "x".repeat(SharedValues.MIN_BYTES) + "\"]").getBytes(StandardCharsets.UTF_8);
            memo.node(json, 0, json.length, Json.MAPPER::readTree);
            nodes[i] = memo.node(json, 0, json.length, Json.MAPPER::readTree);
        }
        assertThat(memo.isShared(nodes[3])).isTrue();
        assertThat(memo.isShared(nodes[0])).as("forgotten when the fourth came").isFalse();
    }

    @Test
    void aTranslatedTurnIsTheSameBytesWithTheMemoAsWithout() {
        String tools = claudeCodeTools();
        for (int round = 0; round < 3; round++) { // the first round fills the memo, the others use it
            byte[] body = turn(tools, "round " + round);
            ChatRequest shared = AnthropicRequestDecoder.decode(JsonFields.of(body).tree());
            ChatRequest plain = AnthropicRequestDecoder.decode((ObjectNode) Json.MAPPER.readTree(body));
            assertThat(shared).isEqualTo(plain);
            assertThat(TokenEstimator.shared().estimate(JsonFields.of(body).tree()))
                    .isEqualTo(TokenEstimator.shared().estimate(Json.MAPPER.readTree(body)));
            if (round > 0) assertThat(SharedValues.shared().isShared(shared.tools())).isTrue();

            ObjectNode openAi = OpenAiRequestEncoder.encode(shared, false);
            assertThat(written(openAi))
                    .isEqualTo(Json.MAPPER.writeValueAsString(OpenAiRequestEncoder.encode(plain, false)));
            ObjectNode anthropic = AnthropicRequestEncoder.encode(shared);
            assertThat(written(anthropic))
                    .isEqualTo(Json.MAPPER.writeValueAsString(AnthropicRequestEncoder.encode(plain)));

            ObjectNode gemini = new GeminiRequestEncoder(GeminiModel.forId("gemini-2.5-pro"), new ToolCallMemory(10)).encode(shared);
            assertThat(written(gemini)).isEqualTo(Json.MAPPER.writeValueAsString(
                    new GeminiRequestEncoder(GeminiModel.forId("gemini-2.5-pro"), new ToolCallMemory(10)).encode(plain)));

            // and back: the OpenAI body, as an OpenAI caller would send it, decodes to the same tools
            byte[] asOpenAi = Json.MAPPER.writeValueAsBytes(OpenAiRequestEncoder.encode(plain, false));
            ChatRequest fromOpenAi = OpenAiRequestDecoder.decode(JsonFields.of(asOpenAi).tree());
            assertThat(fromOpenAi.tools()).isEqualTo(OpenAiRequestDecoder.decode((ObjectNode) Json.MAPPER.readTree(asOpenAi)).tools());
        }
        assertThat(JsonFields.of(turn(tools, "after")).tree().get("tools"))
                .as("nothing changed the shared tree").isEqualTo(Json.MAPPER.readTree(tools));
    }

    /** Claude Code's system prompt, the same every turn but for its billing line, is joined into one message once. */
    @Test
    void aSessionsSystemPromptBecomesOneSharedChatCompletionsMessage() {
        String prompt = "You are an interactive CLI tool, \\\"quoted\\\".\\n".repeat(300) + System.nanoTime(); // new to the memo
        JsonNode[] messages = new JsonNode[3];
        for (int round = 0; round < 3; round++) {
            byte[] body = ("{\"model\":\"m\",\"max_tokens\":10,\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cch="
                    + round + ";\"},{\"type\":\"text\",\"text\":\"You are Claude Code.\"},{\"type\":\"text\",\"text\":\"" + prompt
                    + "\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"hi " + round + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            ChatRequest request = AnthropicRequestDecoder.decode(JsonFields.of(body).tree());
            ObjectNode openAi = OpenAiRequestEncoder.encode(request, false);
            messages[round] = openAi.get("messages").get(0);
            String expected = "You are Claude Code.\n\n" + Json.MAPPER.readTree("\"" + prompt + "\"").asString();
            assertThat(messages[round].get("content").asString()).as("round %d", round).isEqualTo(expected);
            assertThat(written(openAi)).as("round %d", round)
                    .isEqualTo(Json.MAPPER.writeValueAsString(openAi));
            JsonNode withMarkers = OpenAiRequestEncoder.encode(request, true).get("messages").get(0);
            assertThat(withMarkers.get("content").get(1).get("cache_control")).as("OpenRouter's form, kept apart").isNotNull();
        }
        assertThat(SharedValues.history().isShared(messages[0])).as("not kept at its first sighting").isFalse();
        assertThat(SharedValues.history().isShared(messages[1])).isTrue();
        assertThat(messages[2]).as("from the second turn on, one node").isSameAs(messages[1]);
    }

    @Test
    void aTopLevelCopyKeepsEveryValueAndLeavesTheCallersTreeAsItWas() {
        JsonFields.of(turn(claudeCodeTools(), "q")).tree();
        ObjectNode tree = JsonFields.of(turn(claudeCodeTools(), "q")).tree();
        ObjectNode before = tree.deepCopy();
        ObjectNode copy = SharedValues.topLevelCopy(tree);
        assertThat(copy).isEqualTo(tree);
        assertThat(copy.get("tools")).isSameAs(tree.get("tools"));
        assertThat(copy.get("messages")).isSameAs(tree.get("messages"));
        copy.remove("tools");
        copy.put("model", "other");
        assertThat(tree).isEqualTo(before);
    }

    /** A conversation's message with a tool call, a result full of JSON's awkward characters, and some text. */
    private static String exchange(int n) {
        String file = ("line " + n + " with ] and [ and , and } and \\\" and \\u00e9 and \\n; ").repeat(6);
        return "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Reading file " + n + ".\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_" + n + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"/src/F" + n
                + ".java\",\"ranges\":[[1,2],[3,[4]]]}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_" + n
                + "\",\"content\":[{\"type\":\"text\",\"text\":\"" + file + "\"}]}]}";
    }

    /** Turn {@code turns} of a conversation: every earlier exchange as it was, then a new short question. */
    private static byte[] conversation(int turns) {
        StringBuilder messages = new StringBuilder("[{\"role\":\"user\",\"content\":\"Fix the parser: it drops a stream's last event.\"}");
        for (int n = 0; n < turns; n++) messages.append(',').append(exchange(n));
        messages.append(",{\"role\":\"user\",\"content\":\"and now turn ").append(turns).append("\"}]");
        String system = "[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.0.50; cch=" + turns + ";\"},"
                + "{\"type\":\"text\",\"text\":\"" + "You are Claude Code.\\n".repeat(40) + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]";
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"system\":" + system + ",\"messages\":" + messages
                + ",\"stream\":true}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aConversationsEarlierMessagesParseAndDecodeOnceAndEveryTurnIsAsWithout() {
        ChatRequest previous = null;
        ArrayNode previousTree = null;
        for (int turns = 1; turns <= 5; turns++) {
            byte[] body = conversation(turns);
            ObjectNode tree = JsonFields.of(body).tree();
            ObjectNode plainTree = (ObjectNode) Json.MAPPER.readTree(body);
            assertThat(tree).isEqualTo(plainTree);
            assertThat(tree.toString()).isEqualTo(plainTree.toString());
            ChatRequest decoded = AnthropicRequestDecoder.decode(tree);
            assertThat(decoded).isEqualTo(AnthropicRequestDecoder.decode(plainTree));
            ArrayNode messages = (ArrayNode) tree.get("messages");
            assertThat(messages.get(2).toString().length()).as("a tool result is large enough to share").isGreaterThan(SharedValues.MIN_ELEMENT_BYTES);
            if (turns >= 3) { // exchange 0 was sent in turns 1 and 2: kept at its second sighting, shared from the third
                assertThat(messages.get(2)).isSameAs(previousTree.get(2));
                assertThat(SharedValues.history().isShared(messages.get(2))).isTrue();
                assertThat(decoded.messages().get(2).content()).as("decoded once").isSameAs(previous.messages().get(2).content());
            }
            assertThat(messages.get(0).toString().length()).isBetween(SharedValues.MIN_ELEMENT_BYTES, 100);
            assertThat(SharedValues.history().isShared(messages.get(0))).as("a short message is kept too").isEqualTo(turns >= 2);
            // Claude Code's system prompt: the billing line changes every turn, the prompt after it does not
            assertThat(SharedValues.history().isShared(tree.get("system").get(1))).as("kept at its second sighting").isEqualTo(turns >= 2);
            assertThat(SharedValues.history().isShared(tree.get("system").get(0))).isFalse();
            assertThat(SharedValues.history().isShared(messages.get(messages.size() - 2))).as("the newest exchange is new").isFalse();
            // translated for an OpenAI-compatible upstream: an earlier message's encoding is made once and written as
            // its serialization, and every body is the one made without the memo
            for (boolean cacheControl : new boolean[] {false, true}) {
                ObjectNode openAi = OpenAiRequestEncoder.encode(decoded, cacheControl);
                assertThat(written(openAi))
                        .isEqualTo(Json.MAPPER.writeValueAsString(OpenAiRequestEncoder.encode(AnthropicRequestDecoder.decode(plainTree), cacheControl)));
                JsonNode toolMessage = openAi.get("messages").get(3); // system, the first question, exchange 0's call and result
                assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("toolu_0");
                assertThat(SharedValues.history().isShared(toolMessage)).as("its message is kept from the second turn").isEqualTo(turns >= 2);
                if (turns >= 3) {
                    assertThat(toolMessage).isSameAs(OpenAiRequestEncoder.encode(previous, cacheControl).get("messages").get(3));
                }
                assertThat(SharedValues.history().isShared(openAi.get("messages").get(openAi.get("messages").size() - 1))).isFalse();
            }
            previous = decoded;
            previousTree = messages;
        }
        // the same messages from an OpenAI caller: decoded once too, and as without
        byte[] openAi = Json.MAPPER.writeValueAsBytes(OpenAiRequestEncoder.encode(previous, false));
        for (int round = 0; round < 3; round++) {
            ChatRequest fromOpenAi = OpenAiRequestDecoder.decode(JsonFields.of(openAi).tree());
            assertThat(fromOpenAi).isEqualTo(OpenAiRequestDecoder.decode((ObjectNode) Json.MAPPER.readTree(openAi)));
        }
        // one byte changed in an earlier message: a new node, decoded afresh
        byte[] edited = new String(conversation(5), StandardCharsets.UTF_8).replace("line 0 with", "line 0 WITH").getBytes(StandardCharsets.UTF_8);
        ObjectNode tree = JsonFields.of(edited).tree();
        assertThat(tree.get("messages").get(2)).isNotSameAs(previousTree.get(2));
        assertThat(AnthropicRequestDecoder.decode(tree)).isEqualTo(AnthropicRequestDecoder.decode((ObjectNode) Json.MAPPER.readTree(edited)))
                .isNotEqualTo(previous);
    }

    /** The body as the upstream gets it. */
    private static String written(ObjectNode body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        SharedValues.shared().write(body, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
