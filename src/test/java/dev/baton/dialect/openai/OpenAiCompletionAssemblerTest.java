package dev.baton.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.FailureException;
import dev.baton.dialect.Json;
import dev.baton.dialect.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Chat Completions chunks accumulated into the `chat.completion` a non-streamed call answers. */
class OpenAiCompletionAssemblerTest {

    private static JsonNode assemble(List<String> chunks) throws FailureException {
        OpenAiCompletionAssembler a = new OpenAiCompletionAssembler();
        for (String data : chunks) a.accept(SseEvent.of(null, data));
        return Json.MAPPER.readTree(a.answer());
    }

    @Test
    void contentReasoningParallelToolCallsFinishReasonAndTheUsageChunk() throws Exception {
        String head = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-x\",\"system_fingerprint\":\"fp_1\"";
        JsonNode c = assemble(List.of(
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"finish_reason\":null}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Two files\"},\"finish_reason\":null}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Reading \"},\"finish_reason\":null}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"both.\"},\"finish_reason\":null}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]}}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{\\\"p\\\":\"}}]}}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"p\\\":\\\"a\\\"}\"}}]}}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"b\\\"}\"}}]}}]}",
                "{" + head + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                "{" + head + ",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}",
                "[DONE]"));

        assertThat(c.path("object").asString()).isEqualTo("chat.completion");
        assertThat(c.path("id").asString()).isEqualTo("chatcmpl-1");
        assertThat(c.path("system_fingerprint").asString()).isEqualTo("fp_1");
        assertThat(c.path("usage").path("total_tokens").asInt()).isEqualTo(19);
        JsonNode choice = c.path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode message = choice.path("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("content").asString()).isEqualTo("Reading both.");
        assertThat(message.path("reasoning_content").asString()).isEqualTo("Two files");
        assertThat(message.path("tool_calls")).hasSize(2);
        assertThat(message.path("tool_calls").get(0).path("id").asString()).isEqualTo("call_a");
        assertThat(message.path("tool_calls").get(0).path("function").path("arguments").asString()).isEqualTo("{\"p\":\"a\"}");
        assertThat(message.path("tool_calls").get(1).path("function").path("arguments").asString()).isEqualTo("{\"p\":\"b\"}");
    }

    @Test
    void severalChoicesStayApartInIndexOrderAndAChoiceWithoutContentHasNull() throws Exception {
        JsonNode c = assemble(List.of(
                "{\"id\":\"x\",\"choices\":[{\"index\":1,\"delta\":{\"role\":\"assistant\",\"content\":\"second\"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"first\"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":2,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":\"length\"}]}"));
        assertThat(c.path("choices")).extracting(ch -> ch.path("message").path("content").isNull() ? null : ch.path("message").path("content").asString())
                .containsExactly("first", "second", null);
        assertThat(c.path("choices").get(2).path("finish_reason").asString()).isEqualTo("length");
    }
}
