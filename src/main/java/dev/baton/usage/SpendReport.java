package dev.baton.usage;

import dev.baton.dialect.Json;
import dev.baton.store.SpendGrouping;
import dev.baton.store.SpendRow;
import dev.baton.store.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What `baton spend` prints and `GET /stats` answers: spend since a moment, grouped one way, as a table or JSON. */
public record SpendReport(SpendGrouping by, Instant since, List<SpendRow> rows) {

    /**
     * @param keyHash   narrows to one key, or null for all
     * @param keyLabels key hash → alias or abbreviated key, to name keys in a `key` report
     */
    public static SpendReport query(UsageStore store, SpendGrouping by, Duration window, String keyHash, Map<String, String> keyLabels,
                                    Instant now) {
        Instant since = now.minus(window);
        List<SpendRow> rows = new ArrayList<>();
        for (SpendRow r : store.spend(by, since.toEpochMilli(), keyHash)) {
            rows.add(new SpendRow(label(by, r.name(), keyLabels), r.requests(), r.inputTokens(), r.outputTokens(), r.cacheReadTokens(),
                    r.cacheWriteTokens(), r.costUsd()));
        }
        return new SpendReport(by, since, List.copyOf(rows));
    }

    private static String label(SpendGrouping by, String name, Map<String, String> keyLabels) {
        return switch (by) {
            case DAY -> LocalDate.ofEpochDay(Long.parseLong(name)).toString();
            case KEY -> name.equals("-") ? "(master key / open)" : keyLabels.getOrDefault(name, name.substring(0, Math.min(12, name.length())));
            default -> name;
        };
    }

    public double totalUsd() {
        return rows.stream().mapToDouble(SpendRow::costUsd).sum();
    }

    public long requests() {
        return rows.stream().mapToLong(SpendRow::requests).sum();
    }

    public ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("by", by.name().toLowerCase(Locale.ROOT));
        root.put("since", since.toString());
        root.put("requests", requests());
        root.put("total_cost_usd", round(totalUsd()));
        ArrayNode list = root.putArray("rows");
        for (SpendRow r : rows) {
            list.addObject().put("name", r.name()).put("requests", r.requests()).put("input_tokens", r.inputTokens())
                    .put("output_tokens", r.outputTokens()).put("cache_read_tokens", r.cacheReadTokens())
                    .put("cache_write_tokens", r.cacheWriteTokens()).put("cost_usd", round(r.costUsd()));
        }
        return root;
    }

    /** A plain table, costliest first (days newest first), with a total line. */
    public String table() {
        String head = by.name().toLowerCase(Locale.ROOT);
        int width = Math.max(head.length(), 5);
        for (SpendRow r : rows) width = Math.max(width, r.name().length());
        width = Math.min(width, 60);
        String fmt = "%-" + width + "s %9s %12s %12s %12s %12s %12s%n";
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Spend since %s, by %s%n", since, head));
        b.append(String.format(Locale.ROOT, fmt, head, "requests", "input", "output", "cache read", "cache write", "cost USD"));
        for (SpendRow r : rows) {
            b.append(String.format(Locale.ROOT, fmt, cut(r.name(), width), r.requests(), r.inputTokens(), r.outputTokens(),
                    r.cacheReadTokens(), r.cacheWriteTokens(), String.format(Locale.ROOT, "%.4f", r.costUsd())));
        }
        b.append(String.format(Locale.ROOT, fmt, "total", requests(), "", "", "", "", String.format(Locale.ROOT, "%.4f", totalUsd())));
        return b.toString();
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }

    private static double round(double usd) {
        return Math.round(usd * 1e6) / 1e6;
    }
}
