package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Role;
import dev.baton.canonical.ThinkingOrigin;
import dev.baton.canonical.ToolChoice;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI caller → canonical (the request half of the caller side). */
class OpenAiRequestDecoderTest {

    static ChatRequest decode(String json) {
        return OpenAiRequestDecoder.decode((ObjectNode) Json.MAPPER.readTree(json));
    }

    @Test
    void systemAndDeveloperMessagesBecomeTheSystemPrompt() {
        ChatRequest r = decode("""
                {"model":"gpt-4.1","messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                  {"role":"user","content":"Hi"}]}""");
        assertThat(r.system()).extracting(Block.Text::text).containsExactly("You are terse.", "Answer in French.");
        assertThat(r.messages()).containsExactly(Message.user(new Block.Text("Hi")));
    }

    /** Field notes 1: N parallel calls and their N results stay one to one, in one turn each. */
    @Test
    void consecutiveToolMessagesBecomeOneUserTurnWithOneResultEach() {
        ChatRequest r = decode("""
                {"model":"m","messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_a","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_b","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_a","content":"18C"},
                  {"role":"tool","tool_call_id":"call_b","content":[{"type":"text","text":"24C"}]},
                  {"role":"user","content":"Thanks"}]}""");
        assertThat(r.messages()).hasSize(3);
        Message assistant = r.messages().get(1);
        assertThat(assistant.role()).isEqualTo(Role.ASSISTANT);
        assertThat(assistant.content()).extracting(b -> ((Block.ToolUse) b).id()).containsExactly("call_a", "call_b");
        assertThat(((Block.ToolUse) assistant.content().get(0)).input().toString()).isEqualTo("{\"city\":\"Paris\"}");
        Message results = r.messages().get(2);
        assertThat(results.role()).isEqualTo(Role.USER);
        assertThat(results.content()).containsExactly(
                new Block.ToolResult("call_a", List.of(new Block.Text("18C")), false),
                new Block.ToolResult("call_b", List.of(new Block.Text("24C")), false),
                new Block.Text("Thanks"));
    }

    @Test
    void invalidToolCallArgumentsAreAnInvalidRequestNotAGuess() {
        assertThatThrownBy(() -> decode("""
                {"model":"m","messages":[{"role":"assistant","tool_calls":[
                  {"id":"c","type":"function","function":{"name":"f","arguments":"{not json"}}]}]}"""))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("arguments");
    }

    @Test
    void emptyArgumentsInTheCallersHistoryAreAnEmptyObject() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"assistant","tool_calls":[
                  {"id":"c","type":"function","function":{"name":"now","arguments":""}}]},
                  {"role":"tool","tool_call_id":"c","content":"noon"}]}""");
        assertThat(((Block.ToolUse) r.messages().get(0).content().get(0)).input().toString()).isEqualTo("{}");
    }

    @Test
    void dataUrlImagesBecomeBase64AndHttpUrlsStayUrls() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"high"}}]}]}""");
        assertThat(r.messages().get(0).content()).containsExactly(new Block.Text("What is this?"),
                Block.Image.base64("image/jpeg", "/9j/4AAQ"), Block.Image.url("https://example.com/cat.png"));
    }

    /** Field notes 2: every tool_choice form maps. */
    @Test
    void everyToolChoiceFormDecodes() {
        assertThat(OpenAiRequestDecoder.toolChoice(Json.MAPPER.readTree("\"auto\""))).isEqualTo(ToolChoice.AUTO);
        assertThat(OpenAiRequestDecoder.toolChoice(Json.MAPPER.readTree("\"none\""))).isEqualTo(ToolChoice.NONE);
        assertThat(OpenAiRequestDecoder.toolChoice(Json.MAPPER.readTree("\"required\""))).isEqualTo(ToolChoice.ANY);
        assertThat(OpenAiRequestDecoder.toolChoice(Json.MAPPER.readTree("{\"type\":\"function\",\"function\":{\"name\":\"Read\"}}")))
                .isEqualTo(new ToolChoice.Named("Read"));
        assertThat(OpenAiRequestDecoder.toolChoice(Json.MAPPER.readTree(
                "{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"required\",\"tools\":[]}}"))).isEqualTo(ToolChoice.ANY);
        assertThatThrownBy(() -> OpenAiRequestDecoder.toolChoice(Json.MAPPER.readTree("\"sometimes\"")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void parametersDecode() {
        ChatRequest r = decode("""
                {"model":"gpt-5","messages":[{"role":"user","content":"x"}],
                 "tools":[{"type":"function","function":{"name":"Read","description":"Reads","parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}],
                 "tool_choice":"required","parallel_tool_calls":false,"max_tokens":100,"max_completion_tokens":200,
                 "temperature":0.2,"top_p":0.9,"stop":"END","stream":true,"stream_options":{"include_usage":true},
                 "reasoning_effort":"high","response_format":{"type":"json_object"},"user":"u-1"}""");
        assertThat(r.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Read");
            assertThat(t.inputSchema().path("required").get(0).asString()).isEqualTo("path");
        });
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.ANY);
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.maxTokens()).isEqualTo(200); // max_completion_tokens is the newer name and wins
        assertThat(r.temperature()).isEqualTo(0.2);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.stopSequences()).containsExactly("END");
        assertThat(r.stream()).isTrue();
        assertThat(r.reasoning().effort()).isEqualTo("high");
        assertThat(r.responseFormat().path("type").asString()).isEqualTo("json_object");
        assertThat(r.user()).isEqualTo("u-1");
    }

    @Test
    void reasoningAClientSendsBackIsKeptAsThinkingNotClaimingToBeAnthropics() {
        ChatRequest r = decode("""
                {"model":"deepseek-chat","messages":[{"role":"user","content":"q"},
                  {"role":"assistant","content":"a","reasoning_content":"thought"},{"role":"user","content":"more"}]}""");
        Block.Thinking t = (Block.Thinking) r.messages().get(1).content().get(0);
        assertThat(t.text()).isEqualTo("thought");
        assertThat(ThinkingOrigin.isAnthropic(t.signature())).isFalse();
    }

    @Test
    void malformedRequestsAreInvalidRequests() {
        assertThatThrownBy(() -> decode("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).hasMessageContaining("model");
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[]}")).hasMessageContaining("messages");
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).hasMessageContaining("n:");
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}")).hasMessageContaining("role");
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}")).hasMessageContaining("tool_call_id");
        assertThatThrownBy(() -> decode("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"web_search"}]}""")).hasMessageContaining("function");
    }
}
