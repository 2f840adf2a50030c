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
        if (fitsForSure(limit, contextWindow, request)) return limit;
        long room = contextWindow - (long) request.inputTokens();
        return (int) Math.max(1, Math.min(limit, Math.max(room, Math.min(limit, MIN_OUTPUT))));
    }

    /**
     * Whether input and output fit the window by a bound on the input's tokens, each of two with the same allowance
     * for framing. No token is shorter than a byte, and the caller's body holds every character the model will read
     * (escaped, so longer); without the bytes, or when they are mostly images, about one token per character.
     */
    static boolean fitsForSure(int limit, int contextWindow, CallerBody request) {
        ChatRequest r = request.canonical();
        long room = (long) contextWindow - limit - framing(r);
        return request.size() >= 0 && request.size() <= room || (long) (chars(r) * 1.3) <= room;
    }

    private static long chars(ChatRequest r) {
        long chars = 0;
        for (Block.Text t : r.system()) chars += length(t.text());
        for (Tool t : r.tools()) {
            chars += length(t.name()) + length(t.description()) + (t.inputSchema() == null ? 0 : t.inputSchema().toString().length());
        }
        for (Message m : r.messages()) {
            for (Block b : m.content()) chars += blockChars(b);
        }
        return chars;
    }

    /** The tokens a request's shape adds to its text: per tool, message and block, images at their cap. */
    private static long framing(ChatRequest r) {
        long fixed = 500 + 400L * r.tools().size();
        for (Message m : r.messages()) fixed += 10 + 20L * m.content().size() + 1600L * images(m);
        return fixed;
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
