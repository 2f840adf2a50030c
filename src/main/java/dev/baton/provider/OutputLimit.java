package dev.baton.provider;

import dev.baton.canonical.Block;
import dev.baton.canonical.ChatRequest;
import dev.baton.canonical.Message;
import dev.baton.canonical.Tool;
import dev.baton.catalog.ModelInfo;
import dev.baton.dialect.CallerBody;

/**
 * Clamps a request's output limit to what the target model can give: min(requested, model max output, context window −
 * input estimate) (field notes 18), with the model's figures from the catalog, whatever host serves it. Claude Code asks
 * for 32k and more; DeepSeek answers 400 above 8192, others when input plus output exceed their window. The one clamp
 * for every wire that needs one (Chat Completions, Gemini).
 */
public final class OutputLimit {
    /** Never clamp below this because of the context window: the input estimate is deliberately high. */
    static final int MIN_OUTPUT = 1024;

    private OutputLimit() {
    }

    /** {@link #clamp(Integer, Integer, Integer, CallerBody)} with the model's output limit and context window. */
    public static Integer clamp(Integer requested, ModelInfo model, CallerBody request) {
        return clamp(requested, model.maxOutputTokens(), model.maxInputTokens(), request);
    }

    /**
     * @param request the request, decoded only when the context window matters
     * @return the limit to send, or {@code requested} itself when nothing is known to cap it (null stays null: the
     *         server's default applies)
     */
    public static Integer clamp(Integer requested, Integer maxOutput, Integer contextWindow, CallerBody request) {
        if (requested == null) return null;
        int limit = maxOutput == null ? requested : Math.min(requested, maxOutput);
        if (contextWindow == null) return limit;
        // The tokenizer is costly on large prompts: only run it when a cheap upper bound says it could matter.
        if ((long) limit + upperBound(request.canonical()) <= contextWindow) return limit;
        long room = contextWindow - (long) request.inputTokens();
        return (int) Math.max(1, Math.min(limit, Math.max(room, Math.min(limit, MIN_OUTPUT))));
    }

    /** More tokens than the input can possibly take: about one token per character plus framing, images at their cap. */
    static long upperBound(ChatRequest r) {
        long chars = 0;
        long fixed = 500;
        for (Block.Text t : r.system()) chars += length(t.text());
        for (Tool t : r.tools()) {
            fixed += 400;
            chars += length(t.name()) + length(t.description()) + (t.inputSchema() == null ? 0 : t.inputSchema().toString().length());
        }
        for (Message m : r.messages()) {
            fixed += 10;
            for (Block b : m.content()) chars += blockChars(b);
            fixed += 20L * m.content().size() + 1600L * images(m);
        }
        return (long) (chars * 1.3) + fixed;
    }

    private static long blockChars(Block b) {
        return switch (b) {
            case Block.Text t -> length(t.text());
            case Block.Thinking t -> length(t.text());
            case Block.ToolUse u -> length(u.name()) + (u.input() == null ? 0 : u.input().toString().length());
            case Block.ToolResult r -> r.content().stream().mapToLong(OutputLimit::blockChars).sum() + 20;
            case Block.RedactedThinking r -> length(r.data());
            case Block.Image i -> 0;
        };
    }

    private static long images(Message m) {
        long n = 0;
        for (Block b : m.content()) {
            if (b instanceof Block.Image) n++;
            if (b instanceof Block.ToolResult r) n += r.content().stream().filter(p -> p instanceof Block.Image).count();
        }
        return n;
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }
}
