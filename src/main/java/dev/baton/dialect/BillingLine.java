package dev.baton.dialect;

import dev.baton.canonical.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude Code starts its system prompt with a line like `x-anthropic-billing-header: cc_version=…; cch=<hash>;` whose
 * hash changes between requests. Anthropic reads it; any other provider sees a different prompt prefix every turn,
 * which defeats its prefix cache (field notes 38). Encoders for non-Anthropic targets remove it.
 */
public final class BillingLine {
    static final String PREFIX = "x-anthropic-billing-header:";

    private BillingLine() {
    }

    /** The system blocks without billing lines; blocks left blank are dropped, the others keep their cache markers. */
    public static List<Block.Text> strip(List<Block.Text> system) {
        List<Block.Text> out = null;
        for (int i = 0; i < system.size(); i++) {
            Block.Text t = system.get(i);
            if (!in(t.text())) {
                if (out != null) out.add(t);
                continue;
            }
            if (out == null) out = new ArrayList<>(system.subList(0, i));
            String kept = without(t.text());
            if (!kept.isBlank()) out.add(new Block.Text(kept, t.cacheControl()));
        }
        return out == null ? system : List.copyOf(out);
    }

    /** Whether {@code text} holds a billing line. */
    public static boolean in(String text) {
        return text != null && text.contains(PREFIX);
    }

    /** {@code text} without its billing lines, stripped of the whitespace around what is left. */
    public static String without(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (line.stripLeading().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) continue;
            if (!b.isEmpty()) b.append('\n');
            b.append(line);
        }
        return b.toString().strip();
    }
}
