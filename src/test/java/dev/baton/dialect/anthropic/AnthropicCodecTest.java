package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.Role;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic requests ⇄ canonical: what Claude Code sends must survive translation to any target and back. */
class AnthropicCodecTest {

    private static ObjectNode json(String s) {
        return (ObjectNode) Json.MAPPER.readTree(s);
    }

    private static final String CLAUDE_CODE_TURN = """
            {"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.0.1; cch=abc;"},
                       {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}},
                      {"type":"web_search_20250305","name":"web_search","max_uses":5}],
             "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
             "thinking":{"type":"enabled","budget_tokens":4000},
             "metadata":{"user_id":"user_abc_session_1"},
             "messages":[
               {"role":"user","content":[{"type":"text","text":"Look at these"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
               {"role":"system","content":"Reminder: be brief."},
               {"role":"assistant","content":[
                  {"type":"thinking","thinking":"Two files.","signature":"EqQBsig"},
                  {"type":"text","text":""},
                  {"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a"}},
                  {"type":"tool_use","id":"toolu_2","name":"Read","input":{"file_path":"/b"}}]},
               {"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"toolu_1","content":"A"},
                  {"type":"tool_result","tool_use_id":"toolu_2","is_error":true,"content":[
                     {"type":"text","text":"B failed"},
                     {"type":"image","source":{"type":"url","url":"https://example.com/b.png"}}]}]}]}
            """;

    @Test
    void decodes_everything_claude_code_sends_in_a_tool_turn() {
        ChatRequest r = AnthropicRequestDecoder.decode(json(CLAUDE_CODE_TURN));

        assertThat(r.system()).extracting(Block.Text::text)
                .containsExactly("x-anthropic-billing-header: cc_version=2.0.1; cch=abc;", "You are Claude Code.", "Reminder: be brief.");
        assertThat(r.system().get(1).cacheControl()).isNotNull();
        assertThat(r.messages()).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(r.messages().get(0).content().get(1)).isEqualTo(Block.Image.base64("image/png", "iVBORw0KGgo="));
        List<Block> assistant = r.messages().get(1).content();
        assertThat(assistant.get(0)).isEqualTo(new Block.Thinking("Two files.", "EqQBsig"));
        assertThat(assistant).filteredOn(b -> b instanceof Block.ToolUse).hasSize(2);
        List<Block> results = r.messages().get(2).content();
        assertThat(results).hasSize(2).allMatch(b -> b instanceof Block.ToolResult);
        Block.ToolResult failed = (Block.ToolResult) results.get(1);
        assertThat(failed.isError()).isTrue();
        assertThat(failed.content()).containsExactly(new Block.Text("B failed"), Block.Image.url("https://example.com/b.png"));
        assertThat(r.tools()).extracting(Tool::isServerTool).containsExactly(false, true);
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.AUTO);
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.reasoning()).isEqualTo(new Reasoning(4000, null));
        assertThat(r.maxTokens()).isEqualTo(32000);
        assertThat(r.stream()).isTrue();
        assertThat(r.user()).isEqualTo("user_abc_session_1");
    }

    @Test
    void every_tool_choice_form_decodes_and_encodes() {
        for (String form : List.of("{\"type\":\"auto\"}", "{\"type\":\"any\"}", "{\"type\":\"none\"}", "{\"type\":\"tool\",\"name\":\"Read\"}")) {
            ObjectNode body = json("{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                    + "\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":" + form + "}");
            JsonNode encoded = AnthropicRequestEncoder.encode(AnthropicRequestDecoder.decode(body));
            assertThat(encoded.get("tool_choice")).isEqualTo(Json.MAPPER.readTree(form));
        }
    }

    @Test
    void encoding_drops_empty_text_and_thinking_anthropic_did_not_sign() {
        ChatRequest r = AnthropicRequestDecoder.decode(json(CLAUDE_CODE_TURN)).withMessages(List.of(
                Message.user(new Block.Text("go")),
                Message.assistant(new Block.Thinking("from gemini", ThinkingOrigin.signature("gemini", "c2ln")),
                        new Block.Text("  "), new Block.ToolUse("toolu_9", "Read", json("{}"))),
                Message.user(new Block.ToolResult("toolu_9", List.of(new Block.Text("ok")), false))));

        JsonNode out = AnthropicRequestEncoder.encode(r);

        JsonNode assistant = out.path("messages").get(1).path("content");
        assertThat(assistant).hasSize(1);
        assertThat(assistant.get(0).path("type").asString()).isEqualTo("tool_use");
    }

    @Test
    void foreign_tool_ids_become_valid_anthropic_ids_and_come_back_unchanged() {
        String kimiStyle = "functions.Read:0";
        ChatRequest r = new ChatRequest("m", List.of(), List.of(
                Message.user(new Block.Text("go")),
                Message.assistant(new Block.ToolUse(kimiStyle, "Read", json("{}"))),
                Message.user(new Block.ToolResult(kimiStyle, List.of(new Block.Text("ok")), false))),
                List.of(), null, null, 100, null, null, null, List.of(), false, null, null, null);

        JsonNode out = AnthropicRequestEncoder.encode(r);

        String sent = out.path("messages").get(1).path("content").get(0).path("id").asString();
        assertThat(sent).matches("[a-zA-Z0-9_-]+").isEqualTo(out.path("messages").get(2).path("content").get(0).path("tool_use_id").asString());
        assertThat(AnthropicBlocks.callerToolId(sent)).isEqualTo(kimiStyle);
    }

    @Test
    void thinking_budget_stays_below_max_tokens_and_disables_temperature() {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text("go"))), List.of(), null, null,
                2000, 0.2, null, 40, List.of(), false, new Reasoning(null, "high"), null, null);

        JsonNode out = AnthropicRequestEncoder.encode(r);

        assertThat(out.path("thinking").path("budget_tokens").asInt()).isEqualTo(16384);
        assertThat(out.path("max_tokens").asInt()).isGreaterThan(16384);
        assertThat(out.has("temperature")).isFalse();
        assertThat(out.has("top_k")).isFalse();
    }

    @Test
    void a_json_schema_response_format_becomes_an_instruction() {
        ChatRequest r = new ChatRequest("m", List.of(new Block.Text("Be useful.")), List.of(Message.user(new Block.Text("go"))),
                List.of(), null, null, 100, null, null, null, List.of(), false, null,
                json("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"object\"}}}"), null);

        assertThat(AnthropicRequestEncoder.encode(r).path("system").asString()).startsWith("Be useful.").contains("JSON Schema");
    }

    @Test
    void unknown_block_types_and_roles_are_rejected_with_the_field_named() {
        assertThatThrownBy(() -> AnthropicRequestDecoder.decode(json(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]}")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("messages.0.content.0.type");
        assertThatThrownBy(() -> AnthropicRequestDecoder.decode(json(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("messages.0.role");
    }

    @Test
    void cache_write_durations_survive_usage_round_trips() {
        JsonNode usage = json("{\"input_tokens\":10,\"output_tokens\":5,\"cache_read_input_tokens\":100,"
                + "\"cache_creation_input_tokens\":30,\"cache_creation\":{\"ephemeral_5m_input_tokens\":10,\"ephemeral_1h_input_tokens\":20}}");
        var u = AnthropicUsage.read(usage);
        assertThat(u).isEqualTo(new dev.baton.canonical.Usage(10, 5, 100, 10, 20));
        ObjectNode back = Json.MAPPER.createObjectNode();
        AnthropicUsage.write(u, back);
        assertThat(AnthropicUsage.read(back)).isEqualTo(u);
    }
}
