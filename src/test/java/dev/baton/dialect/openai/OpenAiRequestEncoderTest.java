package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Reasoning;
import dev.baton.canonical.Tool;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Canonical (an Anthropic caller such as Claude Code) → an OpenAI Chat Completions body: golden transcripts. */
class OpenAiRequestEncoderTest {
    static final JsonNode READ_SCHEMA = Json.MAPPER.readTree("""
            {"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]}""");

    static ChatRequest request(List<Block.Text> system, List<Message> messages, List<Tool> tools, ToolChoice choice) {
        return new ChatRequest("claude-sonnet-4-5", system, messages, tools, choice, null, 32_000, null, null, null, List.of(),
                false, null, null, null);
    }

    static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    /** Field notes 1, 4, 38: a Claude Code tool turn with two parallel calls, translated whole. */
    @Test
    void claudeCodeToolTurnTranslatesToChatCompletionsGolden() {
        ChatRequest r = new ChatRequest("claude-sonnet-4-5",
                List.of(new Block.Text("x-anthropic-billing-header: cc_version=2.0.50; cch=abc12;"),
                        new Block.Text("You are Claude Code.", json("{\"type\":\"ephemeral\"}"))),
                List.of(Message.user(new Block.Text("Read a.txt and b.txt")),
                        Message.assistant(new Block.Thinking("Two files.", "EqQBCkgIAxgC"), new Block.Text("Reading both."),
                                new Block.ToolUse("toolu_01A", "Read", json("{\"file_path\":\"a.txt\"}")),
                                new Block.ToolUse("toolu_01B", "Read", json("{\"file_path\":\"b.txt\"}"))),
                        Message.user(new Block.ToolResult("toolu_01A", List.of(new Block.Text("alpha")), false),
                                new Block.ToolResult("toolu_01B", List.of(new Block.Text("no such file")), true),
                                new Block.Text("<system-reminder>keep going</system-reminder>"))),
                List.of(Tool.function("Read", "Reads a file", READ_SCHEMA)), ToolChoice.AUTO, false, 32_000, 0.5, null, 40,
                List.of("\n\nHuman:"), true, new Reasoning(10_000, null), null, "user_abc");
        ObjectNode body = OpenAiRequestEncoder.encode(r, false);
        assertThat(body).isEqualTo(json("""
                {"model":"claude-sonnet-4-5",
                 "messages":[
                   {"role":"system","content":"You are Claude Code."},
                   {"role":"user","content":"Read a.txt and b.txt"},
                   {"role":"assistant","content":"Reading both.","tool_calls":[
                     {"id":"toolu_01A","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"a.txt\\"}"}},
                     {"id":"toolu_01B","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"b.txt\\"}"}}],
                    "reasoning_content":"Two files."},
                   {"role":"tool","tool_call_id":"toolu_01A","content":"alpha"},
                   {"role":"tool","tool_call_id":"toolu_01B","content":"Error: no such file"},
                   {"role":"user","content":"<system-reminder>keep going</system-reminder>"}],
                 "tools":[{"type":"function","function":{"name":"Read","description":"Reads a file","parameters":
                   {"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]}}}],
                 "tool_choice":"auto","parallel_tool_calls":false,
                 "max_tokens":32000,"temperature":0.5,"stop":["\\n\\nHuman:"],"stream":true,
                 "reasoning_effort":"high","user":"user_abc"}"""));
    }

    /** Field notes 4: tool messages take text only, so images move to the next user message, said so in both. */
    @Test
    void imagesInToolResultsMoveToAFollowingUserMessageExplicitly() {
        ChatRequest r = request(List.of(), List.of(
                Message.assistant(new Block.ToolUse("toolu_1", "Screenshot", json("{}"))),
                Message.user(new Block.ToolResult("toolu_1", List.of(new Block.Text("captured"), Block.Image.base64("image/png", "iVBORw0KGgo=")), false))),
                List.of(Tool.function("Screenshot", null, null)), null);
        JsonNode messages = OpenAiRequestEncoder.encode(r, false).get("messages");
        assertThat(messages.get(1)).isEqualTo(json("""
                {"role":"tool","tool_call_id":"toolu_1","content":"captured\\n[1 image from this tool result follow in the next user message]"}"""));
        assertThat(messages.get(2)).isEqualTo(json("""
                {"role":"user","content":[{"type":"text","text":"[Images returned by tool call toolu_1:]"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}"""));
    }

    /** Field notes 3: a server tool has no Chat Completions form; it goes, and so does a tool_choice naming it. */
    @Test
    void serverToolsAreRemovedTogetherWithAToolChoiceNamingThem() {
        Tool webSearch = new Tool("web_search", null, null, "web_search_20250305", Json.MAPPER.createObjectNode(), null);
        ObjectNode body = OpenAiRequestEncoder.encode(request(List.of(), List.of(Message.user(new Block.Text("news?"))),
                List.of(webSearch, Tool.function("Read", null, READ_SCHEMA)), new ToolChoice.Named("web_search")), false);
        assertThat(body.get("tools")).hasSize(1);
        assertThat(body.get("tools").get(0).path("function").path("name").asString()).isEqualTo("Read");
        assertThat(body.has("tool_choice")).isFalse();

        ObjectNode onlyServer = OpenAiRequestEncoder.encode(request(List.of(), List.of(Message.user(new Block.Text("news?"))),
                List.of(webSearch), new ToolChoice.Named("web_search")), false);
        assertThat(onlyServer.has("tools")).isFalse();
        assertThat(onlyServer.has("tool_choice")).isFalse();
    }

    /** Field notes 2: every canonical tool_choice has an OpenAI form. */
    @Test
    void everyToolChoiceFormEncodes() {
        List<Tool> tools = List.of(Tool.function("Read", null, READ_SCHEMA));
        List<Message> hi = List.of(Message.user(new Block.Text("hi")));
        assertThat(OpenAiRequestEncoder.encode(request(List.of(), hi, tools, ToolChoice.AUTO), false).get("tool_choice").asString()).isEqualTo("auto");
        assertThat(OpenAiRequestEncoder.encode(request(List.of(), hi, tools, ToolChoice.ANY), false).get("tool_choice").asString()).isEqualTo("required");
        assertThat(OpenAiRequestEncoder.encode(request(List.of(), hi, tools, ToolChoice.NONE), false).get("tool_choice").asString()).isEqualTo("none");
        assertThat(OpenAiRequestEncoder.encode(request(List.of(), hi, tools, new ToolChoice.Named("Read")), false).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"Read\"}}"));
    }

    /** Field notes 11: blank text is never sent; an assistant turn left with nothing is left out. */
    @Test
    void blankTextIsNeverSent() {
        ObjectNode body = OpenAiRequestEncoder.encode(request(List.of(new Block.Text("  ")), List.of(
                Message.user(new Block.Text(""), new Block.Text("question")),
                Message.assistant(new Block.Text(" \n"), new Block.RedactedThinking("opaque")),
                Message.user(new Block.Text("again"))), List.of(), null), false);
        assertThat(body.get("messages")).isEqualTo(json("""
                [{"role":"user","content":"question"},{"role":"user","content":"again"}]"""));
    }

    /** Field notes 38: OpenRouter passes Anthropic cache markers on, so they stay on the text parts for it. */
    @Test
    void cacheMarkersSurviveOnlyWhenAsked() {
        ChatRequest r = request(List.of(new Block.Text("System.", json("{\"type\":\"ephemeral\"}"))),
                List.of(Message.user(new Block.Text("Long context", json("{\"type\":\"ephemeral\"}")))), List.of(), null);
        assertThat(OpenAiRequestEncoder.encode(r, true).get("messages")).isEqualTo(json("""
                [{"role":"system","content":[{"type":"text","text":"System.","cache_control":{"type":"ephemeral"}}]},
                 {"role":"user","content":[{"type":"text","text":"Long context","cache_control":{"type":"ephemeral"}}]}]"""));
        assertThat(OpenAiRequestEncoder.encode(r, false).get("messages")).isEqualTo(json("""
                [{"role":"system","content":"System."},{"role":"user","content":"Long context"}]"""));
    }

    @Test
    void longUserIdsAreSentAsTheirHash() {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.user(new Block.Text("x"))), List.of(), null, null, null, null,
                null, null, List.of(), false, null, null, "user_" + "a".repeat(100) + "_account_x_session_y");
        assertThat(OpenAiRequestEncoder.encode(r, false).get("user").asString()).hasSize(64).matches("[0-9a-f]+");
    }
}
