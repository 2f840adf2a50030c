package dev.baton.server;

import dev.baton.dialect.CallerDialect;
import dev.baton.dialect.anthropic.AnthropicDialect;
import dev.baton.dialect.openai.OpenAiDialect;

/** The dialect a route's callers speak, so every error reaches them in it: OpenAI's on Chat Completions, Anthropic's elsewhere. */
final class RouteDialect {
    static final CallerDialect OPENAI = new OpenAiDialect();

    private RouteDialect() {
    }

    /** @param path the request's path, or null when Jetty could not read one */
    static CallerDialect of(String path) {
        return isChatCompletions(path) ? OPENAI : AnthropicDialect.INSTANCE;
    }

    private static boolean isChatCompletions(String path) {
        return path != null && (path.equals("/v1/chat/completions") || path.equals("/chat/completions")
                || path.equals("/v1/chat/completions/") || path.equals("/chat/completions/"));
    }
}
