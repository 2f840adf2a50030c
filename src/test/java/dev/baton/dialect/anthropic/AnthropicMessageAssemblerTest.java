package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A stream accumulated into the message a non-streamed call answers, as the official SDKs accumulate it. */
class AnthropicMessageAssemblerTest {

    private static JsonNode assemble(List<String> events) throws FailureException {
        AnthropicMessageAssembler a = new AnthropicMessageAssembler();
        for (String data : events) a.accept(SseEvent.of(Json.MAPPER.readTree(data).path("type").asString(), data));
        return Json.MAPPER.readTree(a.answer());
    }

    @Test
    void textToolUseThinkingServerToolsCitationsAndUnknownFieldsComeOutAsAWholeMessage() throws Exception {
        JsonNode m = assemble(List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
                        + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"container\":null,\"x_new\":1,"
                        + "\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":5,\"output_tokens\":1}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me \"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"think.\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\": \\\"ba\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ton\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\","
                        + "\"content\":[{\"type\":\"web_search_result\",\"url\":\"https://example.com\",\"title\":\"E\"}]}}",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"text_delta\",\"text\":\"Baton \"}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"citations_delta\",\"citation\":{\"type\":\"web_search_result_location\",\"url\":\"https://example.com\"}}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"text_delta\",\"text\":\"is a gateway.\"}}",
                "{\"type\":\"content_block_stop\",\"index\":3}",
                "{\"type\":\"content_block_start\",\"index\":4,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}}",
                "{\"type\":\"content_block_stop\",\"index\":4}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"container\":{\"id\":\"c1\"}},"
                        + "\"usage\":{\"output_tokens\":42,\"server_tool_use\":{\"web_search_requests\":1}}}",
                "{\"type\":\"message_stop\"}"));

        assertThat(m.path("id").asString()).isEqualTo("msg_1");
        assertThat(m.path("x_new").asInt()).as("fields Baton does not know pass as they came").isEqualTo(1);
        assertThat(m.path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(m.path("container").path("id").asString()).isEqualTo("c1");
        assertThat(m.path("usage").path("input_tokens").asInt()).isEqualTo(10);
        assertThat(m.path("usage").path("cache_read_input_tokens").asInt()).isEqualTo(5);
        assertThat(m.path("usage").path("output_tokens").asInt()).as("the final cumulative count").isEqualTo(42);
        assertThat(m.path("usage").path("server_tool_use").path("web_search_requests").asInt()).isEqualTo(1);
        JsonNode c = m.path("content");
        assertThat(c).hasSize(5);
        assertThat(c.get(0).path("thinking").asString()).isEqualTo("Let me think.");
        assertThat(c.get(0).path("signature").asString()).isEqualTo("EqQB");
        assertThat(c.get(1).path("input").path("query").asString()).isEqualTo("baton");
        assertThat(c.get(2).path("type").asString()).isEqualTo("web_search_tool_result");
        assertThat(c.get(2).path("content").get(0).path("url").asString()).isEqualTo("https://example.com");
        assertThat(c.get(3).path("text").asString()).isEqualTo("Baton is a gateway.");
        assertThat(c.get(3).path("citations").get(0).path("url").asString()).isEqualTo("https://example.com");
        assertThat(c.get(4).path("input").isObject()).as("a tool call without arguments keeps its {}").isTrue();
    }

    @Test
    void aToolInputThatIsNotJsonOrADeltaForABlockNeverStartedIsMalformed() {
        assertThatThrownBy(() -> assemble(List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"content\":[]}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"x\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}")))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
        assertThatThrownBy(() -> assemble(List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"content\":[]}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}")))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.Malformed.class));
        assertThatThrownBy(() -> new AnthropicMessageAssembler().answer()).isInstanceOf(FailureException.class);
    }
}
