package dev.baton.testing;

import java.util.List;

/**
 * The assistant turn a {@link FakeOpenAi} answers with: optional reasoning, optional text, tool calls, and how many
 * prompt tokens the server reports as cached.
 *
 * @param argumentsJson each call's arguments exactly as the server sends them (usually a JSON object, but tests may
 *                      send anything, including nothing)
 */
public record OpenAiReply(String reasoning, String text, List<Call> calls, String finishReason, int cachedTokens) {

    public record Call(String id, String name, String argumentsJson) {}

    public OpenAiReply {
        calls = List.copyOf(calls);
    }

    public static OpenAiReply text(String text) {
        return new OpenAiReply(null, text, List.of(), "stop", 0);
    }

    public static OpenAiReply toolCalls(Call... calls) {
        return new OpenAiReply(null, null, List.of(calls), "tool_calls", 0);
    }

    public static OpenAiReply toolCall(String id, String name, String argumentsJson) {
        return toolCalls(new Call(id, name, argumentsJson));
    }

    public OpenAiReply withText(String newText) {
        return new OpenAiReply(reasoning, newText, calls, finishReason, cachedTokens);
    }

    public OpenAiReply withReasoning(String newReasoning) {
        return new OpenAiReply(newReasoning, text, calls, finishReason, cachedTokens);
    }

    public OpenAiReply withFinishReason(String reason) {
        return new OpenAiReply(reasoning, text, calls, reason, cachedTokens);
    }

    public OpenAiReply withCachedTokens(int cached) {
        return new OpenAiReply(reasoning, text, calls, finishReason, cached);
    }

    int completionTokens() {
        int chars = (reasoning == null ? 0 : reasoning.length()) + (text == null ? 0 : text.length());
        for (Call c : calls) chars += c.name().length() + c.argumentsJson().length();
        return Math.max(1, chars / 4);
    }
}
