package dev.baton.review;

import dev.baton.dialect.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** `--analyze` output: a table per model for people, the same as JSON for scripts. */
public final class AnalysisView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String[] HEAD = {"MODEL", "SEGMENT", "FROM (UTC)", "TO (UTC)", "COMMITS", "FILES", "+LINES", "-LINES",
            "ACCEPTED", "VERIFY", "TOKENS", "COST"};

    private AnalysisView() {
    }

    /** Segments grouped by model, models in the order they first appeared. */
    static Map<String, List<SegmentReport>> byModel(List<SegmentReport> rows) {
        Map<String, List<SegmentReport>> m = new LinkedHashMap<>();
        for (SegmentReport r : rows) m.computeIfAbsent(r.segment().model(), k -> new ArrayList<>()).add(r);
        return m;
    }

    public static String table(String repo, List<SegmentReport> rows) {
        if (rows.isEmpty()) return "No journal tags in " + repo + ": no model switch has been recorded here yet.\n";
        List<String[]> lines = new ArrayList<>();
        lines.add(HEAD);
        byModel(rows).forEach((model, segs) -> {
            boolean first = true;
            for (SegmentReport r : segs) {
                Segment s = r.segment();
                lines.add(new String[] {first ? model : "", s.tagName(), time(s.from()), s.open() ? "(open)" : time(s.to()),
                        Integer.toString(r.stats().commits().size()), Integer.toString(r.stats().files()),
                        "+" + r.stats().added(), "-" + r.stats().removed(), s.accepted() ? "yes" : "no", verify(r),
                        r.usage() == null ? "-" : Long.toString(r.usage().tokens()),
                        r.usage() == null || r.usage().costUsd() == null ? "-" : "$" + r.usage().costUsd().toPlainString()});
                first = false;
            }
        });
        int[] width = new int[HEAD.length];
        for (String[] l : lines) for (int i = 0; i < l.length; i++) width[i] = Math.max(width[i], l[i].length());
        StringBuilder b = new StringBuilder("Journal of ").append(repo).append('\n');
        for (String[] l : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                boolean number = i >= 4 && i <= 7;
                String cell = number ? pad(l[i], width[i], true) : pad(l[i], width[i], false);
                row.append(cell).append(i < l.length - 1 ? "  " : "");
            }
            b.append(row.toString().stripTrailing()).append('\n');
        }
        for (SegmentReport r : rows) {
            if (r.failed()) b.append("verify failed for ").append(r.segment().tagName()).append(" (exit ").append(r.verify().exit())
                    .append("): git notes show ").append(r.segment().tagName()).append('\n');
        }
        return b.toString();
    }

    public static String json(String repo, String prefix, List<SegmentReport> rows) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("repo", repo);
        root.put("tag_prefix", prefix);
        ArrayNode models = root.putArray("models");
        byModel(rows).forEach((model, segs) -> {
            ObjectNode m = models.addObject();
            m.put("model", model);
            ArrayNode list = m.putArray("segments");
            for (SegmentReport r : segs) {
                Segment s = r.segment();
                ObjectNode o = list.addObject();
                o.put("tag", s.tagName());
                o.put("from", s.from().toString());
                if (s.open()) o.putNull("to");
                else o.put("to", s.to().toString());
                o.put("open", s.open());
                o.put("start_commit", s.start().getName());
                o.put("end_commit", s.end().getName());
                o.put("commits", r.stats().commits().size());
                o.put("files", r.stats().files());
                o.put("lines_added", r.stats().added());
                o.put("lines_removed", r.stats().removed());
                o.put("accepted", s.accepted());
                o.put("session", s.session());
                o.put("reason", s.reason());
                if (r.verify() == null) {
                    o.putNull("verify");
                } else {
                    ObjectNode v = o.putObject("verify");
                    v.put("result", r.verify().passed() ? "pass" : "fail");
                    v.put("exit", r.verify().exit());
                    v.put("command", r.verify().command());
                    v.put("output", r.verify().output());
                }
                if (r.usage() == null) {
                    o.putNull("tokens");
                    o.putNull("cost_usd");
                } else {
                    o.put("tokens", r.usage().tokens());
                    if (r.usage().costUsd() == null) o.putNull("cost_usd");
                    else o.put("cost_usd", r.usage().costUsd());
                }
            }
        });
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static String verify(SegmentReport r) {
        if (r.verify() == null) return "-";
        return r.verify().passed() ? "pass" : "FAIL";
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(w - s.length());
        return right ? fill + s : s + fill;
    }
}
