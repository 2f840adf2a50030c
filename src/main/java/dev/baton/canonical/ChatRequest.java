package dev.baton.canonical;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A caller's request, independent of dialect: what translation decodes the caller's body into and encodes each
 * target's body from. Same-dialect traffic does not go through it (the raw body passes through).
 *
 * @param model             the model the caller asked for
 * @param system            the system prompt as text blocks (empty when none); `role: system` messages are moved here
 * @param messages          user and assistant turns, in order
 * @param tools             tools offered (empty when none)
 * @param toolChoice        how tools may be used, or null when the caller did not say
 * @param parallelToolCalls false when the caller forbade parallel calls, null when it did not say
 * @param maxTokens         output limit, or null when the caller did not say
 * @param temperature       or null
 * @param topP              or null
 * @param topK              or null
 * @param stopSequences     empty when none
 * @param stream            whether the caller wants a stream
 * @param reasoning         thinking asked for, or null
 * @param responseFormat    OpenAI's `response_format` object (`json_object` or `json_schema`), or null
 * @param user              an end-user id (`metadata.user_id`, OpenAI `user`), or null
 */
public record ChatRequest(
        String model,
        List<Block.Text> system,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        Integer maxTokens,
        Double temperature,
        Double topP,
        Integer topK,
        List<String> stopSequences,
        boolean stream,
        Reasoning reasoning,
        JsonNode responseFormat,
        String user) {

    public ChatRequest {
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        stopSequences = List.copyOf(stopSequences);
    }

    /** The system prompt's text, blocks joined by blank lines. */
    public String systemText() {
        StringBuilder b = new StringBuilder();
        for (Block.Text t : system) {
            if (t.isBlank()) continue;
            if (!b.isEmpty()) b.append("\n\n");
            b.append(t.text());
        }
        return b.toString();
    }

    public ChatRequest withSystem(List<Block.Text> newSystem) {
        return new ChatRequest(model, newSystem, messages, tools, toolChoice, parallelToolCalls, maxTokens, temperature,
                topP, topK, stopSequences, stream, reasoning, responseFormat, user);
    }

    public ChatRequest withMessages(List<Message> newMessages) {
        return new ChatRequest(model, system, newMessages, tools, toolChoice, parallelToolCalls, maxTokens, temperature,
                topP, topK, stopSequences, stream, reasoning, responseFormat, user);
    }

    public ChatRequest withTools(List<Tool> newTools, ToolChoice newChoice) {
        return new ChatRequest(model, system, messages, newTools, newChoice, parallelToolCalls, maxTokens, temperature,
                topP, topK, stopSequences, stream, reasoning, responseFormat, user);
    }

    public ChatRequest withMaxTokens(Integer newMax) {
        return new ChatRequest(model, system, messages, tools, toolChoice, parallelToolCalls, newMax, temperature,
                topP, topK, stopSequences, stream, reasoning, responseFormat, user);
    }
}
