package dev.baton.dialect.anthropic;

import dev.baton.dialect.Json;
import dev.baton.dialect.SharedValues;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Local, deliberately high estimate for {@code POST /v1/messages/count_tokens} when the target
 * deployment is not Anthropic. Claude Code uses the figure to decide when to compact, so an
 * under-estimate ("prompt is too long" later) is worse than an over-estimate.
 *
 * <p>Thread-safe: the jtokkit encoding and the mapper are immutable and loaded once.
 */
public final class TokenEstimator {

    /*
     * Text is counted with cl100k_base, not o200k_base: o200k's larger vocabulary gives *fewer*
     * tokens than cl100k, moving further from Claude's tokenizer, which already yields more
     * tokens than cl100k (roughly +10-20% on English prose, more on code and on the newer
     * Claude tokenizers). 1.25 covers that gap for code-heavy Claude Code traffic while staying
     * well inside 1.5x of a realistic count once fixed overheads are added.
     */
    static final double TEXT_SAFETY_FACTOR = 1.25;

    // Fixed overheads, already in Claude tokens (not scaled). They model the role/turn markers
    // and block framing of Claude's prompt format: count_tokens for a one-word user message
    // returns ~10 tokens, almost all of it framing.
    static final int REQUEST_OVERHEAD = 4;
    static final int MESSAGE_OVERHEAD = 7;
    static final int BLOCK_OVERHEAD = 3;
    static final int TOOL_USE_OVERHEAD = 10;   // <invoke>/<parameter>-style framing around the input
    static final int TOOL_RESULT_OVERHEAD = 6;

    // Anthropic documents the hidden tool-use system prompt per model: 346 (auto/none) / 313
    // (any/tool) on Sonnet 3.7/4, 159-530 on Claude 3. 350 covers the current models.
    static final int TOOL_SYSTEM_PROMPT = 350;
    static final int PER_TOOL_OVERHEAD = 10;
    // Anthropic-defined tools have hidden definitions; documented sizes for bash (245),
    // text editor (700) and computer use (735); anything else gets a generous default.
    private static final Map<String, Integer> SERVER_TOOL_TOKENS =
            Map.of("bash_", 245, "text_editor_", 700, "computer_", 735);
    static final int SERVER_TOOL_DEFAULT = 300;

    // Images: tokens ≈ w×h/750 after scaling the long edge down to 1568 px; Anthropic also
    // down-scales anything above ~1.15 MP, which caps an image at ~1600 tokens.
    static final int IMAGE_MAX_EDGE = 1568;
    static final int IMAGE_MAX_TOKENS = 1600;

    // PDFs are sent as extracted text plus an image of every page: ~500-1,500 text tokens plus a
    // page image near the 1,600 cap. 3,000 per page is the conservative end of that range.
    static final int PDF_TOKENS_PER_PAGE = 3000;
    static final int PDF_BYTES_PER_PAGE_FALLBACK = 50_000; // when page objects are compressed
    static final int UNKNOWN_DOCUMENT_TOKENS = 5 * PDF_TOKENS_PER_PAGE; // URL / file sources

    // Bounds on the tokenizer's work (see Tally): pieces of at most 4,096 characters (400 in a run without whitespace)
    // cost it 25-100 ns a character, linearly; 4 M characters (about a million tokens, more than any context window,
    // 0.1-0.4 s) are tokenized at most.
    static final int PIECE = 4096;
    static final int RUN_PIECE = 400;
    static final int SEGMENT = 64 * 1024;
    static final long TOKENIZE_BUDGET = 4_000_000;

    private static final TokenEstimator SHARED = new TokenEstimator();

    private final Encoding encoding;
    /**
     * What the estimator computed for the parts a session sends again with every turn: token counts by text piece, and
     * compact JSON by tool schema or tool input (rendering costs more than hashing and comparing the tree). A million
     * characters of pieces and a quarter million of JSON (its tree counted twice): a few sessions' prefixes, a few MB.
     * The tokenizer costs 25-100 ns a character, a hit about one.
     */
    private final BoundedMemo<String, Integer> pieceTokens = new BoundedMemo<>(1 << 20, (piece, n) -> piece.length(), k -> k);
    private final BoundedMemo<JsonNode, String> rendered =
            new BoundedMemo<>(1 << 19, (node, text) -> 2L * text.length(), JsonNode::deepCopy);
    private final JsonMapper json = Json.MAPPER;

    public TokenEstimator() {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    public static TokenEstimator shared() {
        return SHARED;
    }

    /** Estimated input tokens for an Anthropic Messages / count_tokens request body. */
    public int estimate(JsonNode request) {
        Tally t = new Tally();
        t.fixed += REQUEST_OVERHEAD;
        if (request == null || !request.isObject()) return t.total();

        JsonNode system = request.get("system");
        if (system != null) {
            if (system.isString()) t.text(system.stringValue());
            else if (system.isArray()) for (JsonNode b : system.values()) t.text(str(b.get("text")));
        }

        JsonNode tools = request.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            t.fixed += TOOL_SYSTEM_PROMPT;
            t.add(SharedValues.shared().derive(tools, "estimated tokens", this::tools));
        }
        JsonNode toolChoice = request.get("tool_choice");
        if (toolChoice != null && toolChoice.isObject()) t.json(toolChoice);

        JsonNode messages = request.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages.values()) {
                t.fixed += MESSAGE_OVERHEAD;
                content(message.get("content"), t);
            }
        }
        return t.total();
    }

    /**
     * The tools counted on their own, so that a session's tools, the same node turn after turn ({@link SharedValues}),
     * are counted once.
     */
    private Counted tools(JsonNode tools) {
        Tally t = new Tally();
        for (JsonNode tool : tools.values()) tool(tool, t);
        t.flush();
        return new Counted(t.textTokens, t.fixed, TOKENIZE_BUDGET - t.budget);
    }

    /** What a {@link Tally} counted: text tokens, fixed tokens, and the characters of tokenizer budget it used. */
    private record Counted(long textTokens, long fixed, long budgetUsed) {
    }

    private void tool(JsonNode tool, Tally t) {
        t.fixed += PER_TOOL_OVERHEAD;
        String type = str(tool.get("type"));
        if (!type.isEmpty() && !type.equals("custom") && tool.get("input_schema") == null) {
            t.fixed += SERVER_TOOL_TOKENS.entrySet().stream()
                    .filter(e -> type.startsWith(e.getKey()))
                    .mapToInt(Map.Entry::getValue)
                    .findFirst().orElse(SERVER_TOOL_DEFAULT);
            t.json(tool); // its few config fields (name, max_uses, allowed_domains, ...)
            return;
        }
        var rendered = json.createObjectNode();
        for (String f : new String[] {"name", "description", "input_schema"}) {
            if (tool.has(f)) rendered.set(f, tool.get(f));
        }
        t.json(rendered);
    }

    /** Message / tool_result content: a string or an array of blocks. */
    private void content(JsonNode content, Tally t) {
        if (content == null) return;
        if (content.isString()) {
            t.text(content.stringValue());
        } else if (content.isArray()) {
            for (JsonNode block : content.values()) block(block, t);
        } else {
            t.walk(content);
        }
    }

    private void block(JsonNode block, Tally t) {
        t.fixed += BLOCK_OVERHEAD;
        switch (str(block.get("type"))) {
            case "text" -> t.text(str(block.get("text")));
            case "image" -> t.fixed += imageTokens(block.get("source"));
            case "document" -> document(block, t);
            case "tool_use", "server_tool_use", "mcp_tool_use" -> {
                t.fixed += TOOL_USE_OVERHEAD;
                t.text(str(block.get("name")));
                JsonNode input = block.get("input");
                if (input != null) t.json(input);
            }
            case "tool_result", "mcp_tool_result" -> {
                t.fixed += TOOL_RESULT_OVERHEAD;
                content(block.get("content"), t);
            }
            // The signature is a verification token, not model input: only the block framing counts.
            case "thinking" -> t.text(str(block.get("thinking")));
            // Encrypted thinking is decrypted server-side, so it occupies context; size it by length.
            case "redacted_thinking" -> t.fixed += opaqueTokens(str(block.get("data")));
            // Unknown and server-result blocks (web_search_tool_result, ...): count their JSON.
            default -> t.walk(block);
        }
    }

    private void document(JsonNode block, Tally t) {
        t.text(str(block.get("title")));
        t.text(str(block.get("context")));
        JsonNode source = block.get("source");
        String sourceType = source == null ? "" : str(source.get("type"));
        switch (sourceType) {
            case "text" -> t.text(str(source.get("data")));
            case "content" -> content(source.get("content"), t);
            case "base64" -> t.fixed += pdfTokens(str(source.get("data")));
            default -> t.fixed += UNKNOWN_DOCUMENT_TOKENS;
        }
    }

    // ---- images -------------------------------------------------------------------------------

    /** Tokens for an image {@code source}; URL / file / unreadable images count the cap. */
    static int imageTokens(JsonNode source) {
        if (source == null || !"base64".equals(str(source.get("type")))) return IMAGE_MAX_TOKENS;
        int[] wh = ImageHeaders.dimensions(str(source.get("data")));
        return wh == null ? IMAGE_MAX_TOKENS : imageTokens(wh[0], wh[1]);
    }

    static int imageTokens(int width, int height) {
        double w = width, h = height;
        double longEdge = Math.max(w, h);
        if (longEdge > IMAGE_MAX_EDGE) {
            w = w * IMAGE_MAX_EDGE / longEdge;
            h = h * IMAGE_MAX_EDGE / longEdge;
        }
        return (int) Math.min(IMAGE_MAX_TOKENS, Math.ceil(w * h / 750.0));
    }

    // ---- documents ----------------------------------------------------------------------------

    static int pdfTokens(String base64) {
        byte[] pdf;
        try {
            pdf = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return UNKNOWN_DOCUMENT_TOKENS;
        }
        int pages = countPdfPages(pdf);
        if (pages == 0) pages = Math.max(1, pdf.length / PDF_BYTES_PER_PAGE_FALLBACK);
        return pages * PDF_TOKENS_PER_PAGE;
    }

    /** Counts {@code /Type /Page} (not {@code /Pages}) in uncompressed object dictionaries. */
    static int countPdfPages(byte[] pdf) {
        byte[] type = "/Type".getBytes(StandardCharsets.US_ASCII);
        byte[] page = "/Page".getBytes(StandardCharsets.US_ASCII);
        int pages = 0;
        for (int i = indexOf(pdf, type, 0); i >= 0; i = indexOf(pdf, type, i + 1)) {
            int j = i + type.length;
            while (j < pdf.length && (pdf[j] == ' ' || pdf[j] == '\r' || pdf[j] == '\n' || pdf[j] == '\t')) j++;
            if (startsWith(pdf, j, page)) {
                int after = j + page.length;
                if (after >= pdf.length || !Character.isLetterOrDigit(pdf[after])) pages++;
            }
        }
        return pages;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        for (int i = from; i <= hay.length - needle.length; i++) {
            if (startsWith(hay, i, needle)) return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] hay, int at, byte[] prefix) {
        if (at + prefix.length > hay.length) return false;
        for (int k = 0; k < prefix.length; k++) if (hay[at + k] != prefix[k]) return false;
        return true;
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * Encrypted / base64 payload that the model sees in decrypted form: 4 base64 chars carry 3
     * bytes and text runs ~4 bytes per token, so ~len/5.3; len/5 rounds up. Avoids feeding
     * megabytes of base64 through the tokenizer.
     */
    static int opaqueTokens(String s) {
        return s.isEmpty() ? 0 : s.length() / 5 + 1;
    }

    /** Long whitespace-free strings in base64 / base64url alphabet are treated as opaque. */
    static boolean looksOpaque(String s) {
        if (s.length() < 256) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
            if (!b64) return false;
        }
        return true;
    }

    private static String str(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : "";
    }

    /**
     * Accumulates cl100k text tokens (scaled once at the end) and fixed Claude-token overheads, in bounded time and
     * memory: text goes to the tokenizer in pieces of at most {@value #PIECE} characters (jtokkit holds a piece's
     * work at once: one 2 MiB word exhausted the heap), cut at whitespace where there is some (see {@link #cut}), and
     * after {@value #TOKENIZE_BUDGET} characters the rest is counted by its UTF-8 length, which no cl100k count
     * exceeds (every token is at least a byte). Cutting only ever adds tokens, so the estimate stays high.
     */
    private final class Tally {
        private final StringBuilder pending = new StringBuilder();
        private long textTokens;
        private long budget = TOKENIZE_BUDGET;
        long fixed;

        void text(String s) {
            if (s.isEmpty()) return;
            if (s.length() >= SEGMENT) { // counted where it lies, not copied
                flush();
                count(s);
                count("\n");
                return;
            }
            pending.append(s).append('\n');
            if (pending.length() >= SEGMENT) flush();
        }

        void add(Counted part) {
            textTokens += part.textTokens();
            fixed += part.fixed();
            budget -= part.budgetUsed();
        }

        /** Compact JSON, as the model would see a tool schema or tool input. */
        void json(JsonNode node) {
            text(rendered.get(node, json::writeValueAsString));
        }

        /** Generic JSON-ish rendering for unknown blocks, without tokenizing base64 payloads. */
        void walk(JsonNode node) {
            if (node.isObject()) {
                for (var e : node.properties()) {
                    text(e.getKey() + ": ");
                    walk(e.getValue());
                }
            } else if (node.isArray()) {
                for (JsonNode v : node.values()) walk(v);
            } else if (node.isString()) {
                String s = node.stringValue();
                if (looksOpaque(s)) fixed += opaqueTokens(s);
                else text(s);
            } else {
                text(node.toString());
            }
        }

        private void flush() {
            if (pending.isEmpty()) return;
            count(pending);
            pending.setLength(0);
        }

        private void count(CharSequence text) {
            int n = text.length();
            for (int at = 0; at < n; ) {
                if (budget <= 0) {
                    textTokens += utf8Length(text, at, n);
                    return;
                }
                int end = cut(text, at, n);
                textTokens += pieceTokens.get(text.subSequence(at, end).toString(), encoding::countTokensOrdinary);
                budget -= end - at;
                at = end;
            }
        }

        int total() {
            flush();
            long sum = (long) Math.ceil(textTokens * TEXT_SAFETY_FACTOR) + fixed;
            return (int) Math.min(Integer.MAX_VALUE, sum);
        }
    }

    /**
     * Where the piece starting at {@code at} ends: before the last whitespace in its second half, where words part
     * anyway; in a long run without whitespace, after {@value #RUN_PIECE} characters, below the length from which
     * jtokkit switches to its costlier algorithm for long words (four times the garbage per character).
     */
    static int cut(CharSequence text, int at, int n) {
        if (n - at <= PIECE) return n;
        for (int k = at + PIECE - 1; k > at + PIECE / 2; k--) if (Character.isWhitespace(text.charAt(k))) return k;
        int end = at + RUN_PIECE;
        return Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end; // never split a surrogate pair
    }

    /** UTF-8 bytes of {@code text[from, to)}: more than cl100k's token count of it, whatever it holds. */
    static long utf8Length(CharSequence text, int from, int to) {
        long bytes = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
