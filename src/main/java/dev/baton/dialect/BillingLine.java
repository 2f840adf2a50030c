package dev.baton.dialect;

import dev.baton.canonical.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude Code opens its system prompt with a billing line, {@code x-anthropic-billing-header: cc_version=…;
 * cc_entrypoint=…; cch=…;}, whose hash changes with every request. Anthropic reads it; for any other target it is
 * noise at the very start of the prompt that defeats the upstream's prefix cache (field notes 38), so translators to
 * other providers remove it.
 */
public final class BillingLine {
    private static final String PREFIX = "x-anthropic-billing-header:";

    private BillingLine() {
    }

    /** The system blocks without the billing line; blocks left blank are dropped. The same list when there is none. */
    public static List<Block.Text> strip(List<Block.Text> system) {
        if (system.stream().noneMatch(BillingLine::mentions)) return system;
        List<Block.Text> kept = new ArrayList<>(system.size());
        for (Block.Text t : system) {
            if (!mentions(t)) {
                kept.add(t);
                continue;
            }
            String rest = withoutBillingLines(t.text());
            if (!rest.isBlank()) kept.add(new Block.Text(rest, t.cacheControl()));
        }
        return kept;
    }

    private static boolean mentions(Block.Text t) {
        return t.text() != null && t.text().contains(PREFIX);
    }

    private static String withoutBillingLines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (line.stripLeading().startsWith(PREFIX)) continue;
            if (!out.isEmpty()) out.append('\n');
            out.append(line);
        }
        return out.toString().strip();
    }
}
