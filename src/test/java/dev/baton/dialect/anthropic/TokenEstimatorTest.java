package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class TokenEstimatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Encoding CL100K =
            Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private final TokenEstimator estimator = TokenEstimator.shared();

    // ---- structure ----------------------------------------------------------------------------

    @Test
    void countsSystemToolsAndMessages_eachPartIncreasesTheCount() {
        ObjectNode req = JSON.createObjectNode();
        int empty = estimator.estimate(req);

        req.set("messages", JSON.readTree("[{\"role\":\"user\",\"content\":\"List the files in src.\"}]"));
        int withMessages = estimator.estimate(req);

        req.put("system", "You are a careful coding assistant working in a Java repository.");
        int withSystem = estimator.estimate(req);

        req.set("tools", JSON.createArrayNode().add(tool("Glob", "Find files by glob pattern", "pattern")));
        int withTools = estimator.estimate(req);

        assertThat(withMessages).isGreaterThan(empty);
        assertThat(withSystem).isGreaterThan(withMessages);
        // Any tool brings the hidden tool-use system prompt along.
        assertThat(withTools - withSystem).isGreaterThanOrEqualTo(TokenEstimator.TOOL_SYSTEM_PROMPT);
    }

    @Test
    void stringAndBlockSystemFormsAgree() {
        String text = "You are Claude Code. Prefer small, reviewable diffs and explain why.";
        ObjectNode asString = request("[]");
        asString.put("system", text);
        ObjectNode asBlocks = request("[]");
        asBlocks.set("system", JSON.readTree(
                "[{\"type\":\"text\",\"text\":" + quote(text) + ",\"cache_control\":{\"type\":\"ephemeral\"}}]"));

        assertThat(estimator.estimate(asBlocks)).isEqualTo(estimator.estimate(asString));
    }

    /**
     * Field note: a proxy that ignored system + tools reported 48 tokens where Anthropic counted
     * 728. With a short user turn, system + tools must dominate the estimate.
     */
    @Test
    void systemAndToolsDominateTheCount_aProxyIgnoringThemWouldHaveReported48Instead728() {
        ObjectNode messagesOnly = request("[{\"role\":\"user\",\"content\":\"hi, what does this repo do?\"}]");
        ObjectNode full = messagesOnly.deepCopy();
        full.put("system", "You are an interactive CLI tool that helps users with software engineering tasks. "
                + "Use the instructions below and the tools available to you to assist the user.");
        full.set("tools", JSON.createArrayNode()
                .add(tool("Read", "Reads a file from the local filesystem.", "file_path"))
                .add(tool("Bash", "Executes a given bash command in a persistent shell session.", "command")));

        int small = estimator.estimate(messagesOnly);
        int large = estimator.estimate(full);

        assertThat(small).isLessThan(60);
        assertThat(large).isGreaterThan(10 * small);
        int rawSystemAndTools = CL100K.countTokensOrdinary(full.get("system").stringValue())
                + CL100K.countTokensOrdinary(full.get("tools").toString());
        assertThat(large - small).isGreaterThanOrEqualTo(rawSystemAndTools + TokenEstimator.TOOL_SYSTEM_PROMPT);
    }

    @Test
    void realisticClaudeCodeRequest_isAtLeastTheRawCl100kCountAndWithinOneAndAHalfTimesIt() {
        ObjectNode req = claudeCodeLikeRequest(16, 4);

        int raw = rawCl100k(req);
        int estimate = estimator.estimate(req);

        assertThat(raw).isGreaterThan(3000);
        assertThat(estimate).isGreaterThanOrEqualTo(raw).isLessThanOrEqualTo((int) (1.5 * raw));
    }

    // ---- images -------------------------------------------------------------------------------

    @Test
    void readsPngJpegAndGifDimensionsFromImagesMadeWithImageIo() throws IOException {
        assertThat(ImageHeaders.dimensions(encode(320, 200, "png"))).containsExactly(320, 200);
        assertThat(ImageHeaders.dimensions(encode(641, 479, "jpg"))).containsExactly(641, 479);
        assertThat(ImageHeaders.dimensions(encode(64, 48, "gif"))).containsExactly(64, 48);
    }

    @Test
    void readsJpegDimensionsWhenExifPushesTheFrameHeaderPastTheFirstKilobytes() throws IOException {
        byte[] jpeg = Base64.getDecoder().decode(encode(800, 600, "jpg"));
        byte[] app1 = new byte[4 + 20_000];
        app1[0] = (byte) 0xFF;
        app1[1] = (byte) 0xE1;
        app1[2] = (byte) ((app1.length - 2) >> 8);
        app1[3] = (byte) (app1.length - 2);
        byte[] withExif = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, withExif, 0, 2);
        System.arraycopy(app1, 0, withExif, 2, app1.length);
        System.arraycopy(jpeg, 2, withExif, 2 + app1.length, jpeg.length - 2);

        assertThat(ImageHeaders.dimensions(Base64.getEncoder().encodeToString(withExif))).containsExactly(800, 600);
    }

    @Test
    void readsWebpDimensionsForLossyLosslessAndExtendedHeaders() {
        // VP8 (lossy): frame tag, start code 9d 01 2a, 14-bit width/height
        byte[] vp8 = riff("VP8 ", 0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 1000 & 0xFF, 1000 >> 8, 750 & 0xFF, 750 >> 8);
        // VP8L (lossless): 0x2f, then (width-1) | (height-1) << 14 little-endian
        int bits = (300 - 1) | (200 - 1) << 14;
        byte[] vp8l = riff("VP8L", 0x2f, bits & 0xFF, bits >> 8 & 0xFF, bits >> 16 & 0xFF, bits >>> 24);
        // VP8X (extended): flags + 3 reserved, then 24-bit width-1, height-1
        byte[] vp8x = riff("VP8X", 0, 0, 0, 0, (4000 - 1) & 0xFF, (4000 - 1) >> 8, 0, (3000 - 1) & 0xFF, (3000 - 1) >> 8, 0);

        assertThat(ImageHeaders.dimensions(b64(vp8))).containsExactly(1000, 750);
        assertThat(ImageHeaders.dimensions(b64(vp8l))).containsExactly(300, 200);
        assertThat(ImageHeaders.dimensions(b64(vp8x))).containsExactly(4000, 3000);
    }

    @Test
    void imageTokensFollowWidthTimesHeightOver750_withLongEdgeScalingAndCap() {
        assertThat(TokenEstimator.imageTokens(200, 150)).isEqualTo(40);
        assertThat(TokenEstimator.imageTokens(1092, 1092)).isEqualTo(1590); // Anthropic's 1:1 example
        assertThat(TokenEstimator.imageTokens(1000, 1000)).isEqualTo(1334);
        assertThat(TokenEstimator.imageTokens(4000, 3000)).isEqualTo(TokenEstimator.IMAGE_MAX_TOKENS);
        assertThat(TokenEstimator.imageTokens(8000, 100)).isEqualTo(41); // 1568 x 19.6 after scaling
    }

    @Test
    void base64ImageInAMessageCountsItsDimensionTokens() throws IOException {
        JsonNode small = imageBlock(encode(300, 150, "png"), "image/png");
        int delta = withBlock(small) - withBlock(null);

        assertThat(delta).isEqualTo(60 + TokenEstimator.BLOCK_OVERHEAD); // 300*150/750 = 60
    }

    @Test
    void urlAndUnreadableImagesCountTheCap() {
        JsonNode url = JSON.readTree("{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x.test/a.png\"}}");
        JsonNode junk = imageBlock(b64("not an image at all".getBytes(StandardCharsets.UTF_8)), "image/png");

        assertThat(withBlock(url) - withBlock(null)).isEqualTo(1600 + TokenEstimator.BLOCK_OVERHEAD);
        assertThat(withBlock(junk) - withBlock(null)).isEqualTo(1600 + TokenEstimator.BLOCK_OVERHEAD);
    }

    @Test
    void toolResultWithImageCountsTheImage() throws IOException {
        ObjectNode textOnly = toolResult(JSON.createArrayNode().add(textBlock("screenshot taken")));
        ObjectNode withImage = toolResult(JSON.createArrayNode()
                .add(textBlock("screenshot taken"))
                .add(imageBlock(encode(1200, 800, "png"), "image/png")));

        int imageTokens = TokenEstimator.imageTokens(1200, 800); // 1280
        assertThat(withBlock(withImage) - withBlock(textOnly)).isEqualTo(imageTokens + TokenEstimator.BLOCK_OVERHEAD);
    }

    // ---- documents, thinking, odd input ---------------------------------------------------------

    @Test
    void pdfDocumentCountsConservativeTokensPerPage() {
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n"
                + "4 0 obj << /Type/Page /Parent 2 0 R >> endobj\n"
                + "5 0 obj <<\n/Type\n/Page\n/Parent 2 0 R >> endobj\n%%EOF";
        JsonNode doc = JSON.readTree("{\"type\":\"document\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"application/pdf\",\"data\":\"" + b64(pdf.getBytes(StandardCharsets.US_ASCII)) + "\"}}");

        assertThat(withBlock(doc) - withBlock(null))
                .isEqualTo(3 * TokenEstimator.PDF_TOKENS_PER_PAGE + TokenEstimator.BLOCK_OVERHEAD);
    }

    @Test
    void textDocumentCountsItsText() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(40);
        JsonNode doc = JSON.readTree("{\"type\":\"document\",\"source\":{\"type\":\"text\","
                + "\"media_type\":\"text/plain\",\"data\":" + quote(text) + "}}");

        assertThat(withBlock(doc) - withBlock(null)).isGreaterThanOrEqualTo(CL100K.countTokensOrdinary(text));
    }

    @Test
    void thinkingCountsItsTextButNotItsSignature() {
        String thinking = "The user wants the failing test fixed; first read the stack trace.";
        JsonNode shortSig = thinkingBlock(thinking, "c2ln");
        JsonNode longSig = thinkingBlock(thinking, "EqQBCkYIBxgCKkB".repeat(200));

        assertThat(withBlock(longSig)).isEqualTo(withBlock(shortSig));
        assertThat(withBlock(shortSig) - withBlock(null)).isGreaterThanOrEqualTo(CL100K.countTokensOrdinary(thinking));
    }

    @Test
    void unknownBlockTypesDoNotThrowAndCountTheirJson() {
        JsonNode unknown = JSON.readTree("{\"type\":\"hologram_2031\",\"caption\":\"a rotating teapot in the lab\","
                + "\"payload\":\"" + "QUJD".repeat(5000) + "\",\"frames\":[1,2,3]}");
        JsonNode webSearch = JSON.readTree("{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\","
                + "\"content\":[{\"type\":\"web_search_result\",\"url\":\"https://example.com\",\"title\":\"Example\","
                + "\"encrypted_content\":\"" + "RW5j".repeat(500) + "\"}]}");

        assertThatCode(() -> withBlock(unknown)).doesNotThrowAnyException();
        assertThat(withBlock(unknown) - withBlock(null)).isGreaterThan(20_000 / 5); // opaque payload by size
        assertThat(withBlock(webSearch) - withBlock(null)).isGreaterThan(2_000 / 5);
    }

    @Test
    void emptyOrMalformedRequestsDoNotThrow() {
        assertThat(estimator.estimate(JSON.createObjectNode())).isEqualTo(TokenEstimator.REQUEST_OVERHEAD);
        assertThat(estimator.estimate(null)).isEqualTo(TokenEstimator.REQUEST_OVERHEAD);
        assertThatCode(() -> estimator.estimate(JSON.readTree(
                "{\"system\":42,\"tools\":{},\"messages\":[{},{\"content\":null},{\"content\":[{},7,\"x\"]}]}")))
                .doesNotThrowAnyException();
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Estimate of a one-message request holding {@code block} (or only a text block). */
    private int withBlock(JsonNode block) {
        ArrayNode content = JSON.createArrayNode().add(textBlock("see below"));
        if (block != null) content.add(block);
        ObjectNode message = JSON.createObjectNode().put("role", "user");
        message.set("content", content);
        ObjectNode req = JSON.createObjectNode();
        req.set("messages", JSON.createArrayNode().add(message));
        return estimator.estimate(req);
    }

    private static ObjectNode request(String messagesJson) {
        ObjectNode req = JSON.createObjectNode().put("model", "claude-sonnet-4-5");
        req.set("messages", JSON.readTree(messagesJson));
        return req;
    }

    private static ObjectNode textBlock(String text) {
        return JSON.createObjectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode imageBlock(String data, String mediaType) {
        ObjectNode block = JSON.createObjectNode().put("type", "image");
        block.set("source", JSON.createObjectNode().put("type", "base64").put("media_type", mediaType).put("data", data));
        return block;
    }

    private static ObjectNode thinkingBlock(String thinking, String signature) {
        return JSON.createObjectNode().put("type", "thinking").put("thinking", thinking).put("signature", signature);
    }

    private static ObjectNode toolResult(ArrayNode content) {
        ObjectNode block = JSON.createObjectNode().put("type", "tool_result").put("tool_use_id", "toolu_01");
        block.set("content", content);
        return block;
    }

    private static ObjectNode tool(String name, String description, String... params) {
        ObjectNode props = JSON.createObjectNode();
        ArrayNode required = JSON.createArrayNode();
        for (String p : params) {
            props.set(p, JSON.createObjectNode().put("type", "string")
                    .put("description", "The " + p.replace('_', ' ') + " to use for " + name));
            required.add(p);
        }
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.set("properties", props);
        schema.set("required", required);
        schema.put("additionalProperties", false);
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        ObjectNode tool = JSON.createObjectNode().put("name", name).put("description", description);
        tool.set("input_schema", schema);
        return tool;
    }

    /** System prompt of a few KB, {@code toolCount} tools with schemas, {@code turns} tool round trips. */
    private static ObjectNode claudeCodeLikeRequest(int toolCount, int turns) {
        String[] rules = {
            "You are Claude Code, an interactive CLI tool that helps users with software engineering tasks.",
            "IMPORTANT: Assist with defensive security tasks only. Refuse to create code that may be used maliciously.",
            "Keep your responses short, since they will be displayed on a command line interface.",
            "When you run a non-trivial bash command, explain what the command does and why you are running it.",
            "Before editing a file, read it first and mimic its code style, naming conventions and typing.",
            "Never introduce code that exposes or logs secrets and keys. Never commit secrets to the repository.",
            "Use the TodoWrite tool to plan and track multi-step tasks; mark todos completed as soon as they are done.",
            "When referencing code, include the pattern file_path:line_number so the user can navigate to it.",
            "Prefer the Grep and Glob tools over running grep or find through Bash; they are faster and safer.",
            "Run the project's lint and typecheck commands after a change if they are known, e.g. npm run lint.",
        };
        StringBuilder system = new StringBuilder();
        for (int i = 0; system.length() < 6000; i++) {
            system.append(i + 1).append(". ").append(rules[i % rules.length]).append('\n');
        }
        system.append("<env>\nWorking directory: /home/dev/projects/baton\nIs directory a git repo: Yes\n"
                + "Platform: linux\nToday's date: 2026-03-14\n</env>\n");

        String[] names = {"Task", "Bash", "Glob", "Grep", "LS", "ExitPlanMode", "Read", "Edit", "MultiEdit",
            "Write", "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch", "BashOutput", "KillShell",
            "mcp__github__create_issue", "mcp__github__list_prs", "mcp__ide__getDiagnostics", "SlashCommand"};
        ArrayNode tools = JSON.createArrayNode();
        for (int i = 0; i < toolCount; i++) {
            String name = names[i % names.length];
            tools.add(tool(name, "Use " + name + " when the task needs it. " + rules[i % rules.length]
                            + " Usage notes: results are truncated after 2000 lines; prefer absolute paths.",
                    "file_path", "pattern", "description", "timeout_ms"));
        }

        String code = """
                public final class RouterSettings {
                    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
                    public Optional<Deployment> resolve(String model) {
                        if (model == null || model.isBlank()) return Optional.empty();
                        return Optional.ofNullable(deployments.get(model.toLowerCase(Locale.ROOT)));
                    }
                }
                """;
        List<JsonNode> messages = new ArrayList<>();
        messages.add(JSON.readTree("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                + quote("<system-reminder>CLAUDE.md: run ./mvnw test before committing.</system-reminder>")
                + "},{\"type\":\"text\",\"text\":\"Why does model routing ignore upper-case names?\"}]}"));
        for (int t = 0; t < turns; t++) {
            messages.add(JSON.readTree("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
                    + "\"Let me read the router settings.\"},{\"type\":\"tool_use\",\"id\":\"toolu_" + t
                    + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"/home/dev/projects/baton/src/main/java/"
                    + "dev/baton/config/RouterSettings" + t + ".java\"}}]}"));
            messages.add(JSON.readTree("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":"
                    + "\"toolu_" + t + "\",\"content\":" + quote(code.repeat(6)) + "}]}"));
        }
        messages.add(JSON.readTree("{\"role\":\"assistant\",\"content\":\"`resolve` lower-cases the key but "
                + "`deployments` is filled with the names as written, so upper-case names never match.\"}"));

        ObjectNode req = JSON.createObjectNode().put("model", "claude-sonnet-4-5");
        req.set("system", JSON.createArrayNode().add(textBlock(system.toString())));
        req.set("tools", tools);
        req.set("messages", JSON.valueToTree(messages));
        return req;
    }

    /** Plain cl100k count of everything textual: system text, tool JSON, message texts and inputs. */
    private static int rawCl100k(JsonNode req) {
        int n = 0;
        for (JsonNode s : req.get("system").values()) n += CL100K.countTokensOrdinary(s.get("text").stringValue());
        for (JsonNode tool : req.get("tools").values()) n += CL100K.countTokensOrdinary(tool.toString());
        for (JsonNode m : req.get("messages").values()) {
            JsonNode content = m.get("content");
            if (content.isString()) {
                n += CL100K.countTokensOrdinary(content.stringValue());
                continue;
            }
            for (JsonNode b : content.values()) {
                if (b.has("text")) n += CL100K.countTokensOrdinary(b.get("text").stringValue());
                if (b.has("input")) n += CL100K.countTokensOrdinary(b.get("input").toString());
                if (b.has("content")) n += CL100K.countTokensOrdinary(b.get("content").stringValue());
            }
        }
        return n;
    }

    // ---- bounded work (issue 11: a 2 MiB single word exhausted the gateway's heap) ---------------

    @Test
    void aTwoMebibyteSingleWordIsCountedPieceByPieceAndNotUnderCounted() {
        String word = "A".repeat(2 << 20);
        int exact = 8 * CL100K.countTokensOrdinary("A".repeat(1 << 18)); // cl100k counts a run of A in eights
        assertThat(estimator.estimate(message(word))).isGreaterThanOrEqualTo((int) (exact * TokenEstimator.TEXT_SAFETY_FACTOR));
    }

    @Test
    void longRunsAreCutWithoutSplittingSurrogatePairsAndCountAtLeastWhatTheTokenizerDoes() {
        String emoji = "\uD83D\uDE00".repeat(TokenEstimator.PIECE); // no whitespace, a pair at every cut
        assertThat(estimator.estimate(message(emoji)))
                .isGreaterThanOrEqualTo((int) (CL100K.countTokensOrdinary(emoji) * TokenEstimator.TEXT_SAFETY_FACTOR));
        String run = "x".repeat(TokenEstimator.RUN_PIECE - 1) + "\uD83D\uDE00" + "y".repeat(TokenEstimator.PIECE);
        assertThat(TokenEstimator.cut(run, 0, run.length())).as("before the pair").isEqualTo(TokenEstimator.RUN_PIECE - 1);
        String words = "word ".repeat(TokenEstimator.PIECE);
        int cut = TokenEstimator.cut(words, 0, words.length());
        assertThat(cut).isBetween(TokenEstimator.PIECE / 2, TokenEstimator.PIECE);
        assertThat(words.charAt(cut)).as("cut before a space").isEqualTo(' ');
        assertThat(TokenEstimator.cut(words, 0, 100)).as("short text whole").isEqualTo(100);
    }

    @Test
    void textBeyondTheTokenizerBudgetIsCountedByItsUtf8LengthSoTheEstimateStaysHigh() {
        String prose = "The quick brown fox jumps over the lazy dog. ".repeat((int) (TokenEstimator.TOKENIZE_BUDGET / 45) + 50_000);
        int estimate = estimator.estimate(message(prose));
        long exact = CL100K.countTokensOrdinary(prose);
        assertThat((long) estimate).isGreaterThanOrEqualTo((long) (exact * TokenEstimator.TEXT_SAFETY_FACTOR));
        // the budget's share is tokenized, the rest (50,000 sentences) counted at a token per byte
        long rest = prose.length() - TokenEstimator.TOKENIZE_BUDGET;
        assertThat((long) estimate).isGreaterThan((long) (rest * TokenEstimator.TEXT_SAFETY_FACTOR));
    }

    private static ObjectNode message(String text) {
        ObjectNode req = JSON.createObjectNode();
        req.putArray("messages").addObject().put("role", "user").put("content", text);
        return req;
    }

    private static String encode(int width, int height, String format) throws IOException {
        int type = format.equals("png") ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage image = new BufferedImage(width, height, type);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("writer for " + format).isTrue();
        return b64(out.toByteArray());
    }

    /** RIFF/WEBP container with one chunk whose first bytes are {@code payload}. */
    private static byte[] riff(String chunk, int... payload) {
        byte[] b = new byte[20 + Math.max(payload.length, 12)];
        put(b, 0, "RIFF");
        put(b, 8, "WEBP");
        put(b, 12, chunk);
        b[16] = (byte) payload.length;
        for (int i = 0; i < payload.length; i++) b[20 + i] = (byte) payload[i];
        return b;
    }

    private static void put(byte[] b, int at, String ascii) {
        System.arraycopy(ascii.getBytes(StandardCharsets.US_ASCII), 0, b, at, ascii.length());
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String quote(String s) {
        return JSON.writeValueAsString(s);
    }
}
