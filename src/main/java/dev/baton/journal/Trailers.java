package dev.baton.journal;

import dev.baton.routing.SwitchEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages Baton writes: commit `Auto-commit before switch to <model>` and the tag's message, both ending in
 * git trailers (`Baton-From:`, `Baton-To:`, `Baton-Reason:`, `Baton-Session:`, ...) that `git log
 * --format=%(trailers)` and `git interpret-trailers` read.
 */
public final class Trailers {
    public static final String TIME = "Baton-Time";
    public static final String MODEL = "Baton-Model";
    private static final int MAX_VALUE = 300;

    private Trailers() {
    }

    static String commitMessage(SwitchEvent e) {
        return "Auto-commit before switch to " + oneLine(model(e)) + "\n\n" + block(e);
    }

    static String tagMessage(SwitchEvent e, String commitNote) {
        return "Baton: switch to " + oneLine(model(e)) + (commitNote == null ? "" : " (" + commitNote + ")") + "\n\n" + block(e);
    }

    /** The model the work moves to: the upstream model when known, else the deployment. */
    static String model(SwitchEvent e) {
        return e.toModel() != null && !e.toModel().isBlank() ? e.toModel() : e.to();
    }

    private static String block(SwitchEvent e) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("Baton-From", e.from());
        t.put("Baton-To", e.to());
        t.put(MODEL, model(e));
        t.put("Baton-Reason", e.reason());
        t.put("Baton-Session", e.session());
        t.put(TIME, e.time().truncatedTo(ChronoUnit.MILLIS).toString());
        StringBuilder b = new StringBuilder();
        t.forEach((k, v) -> b.append(k).append(": ").append(v == null || v.isBlank() ? "-" : oneLine(v)).append('\n'));
        return b.toString();
    }

    /** Trailer values are one line; long reasons are cut. */
    private static String oneLine(String v) {
        String s = v.replaceAll("[\\r\\n\\t]+", " ").strip();
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 3) + "..." : s;
    }

    /** The `Key: value` lines of a message's last paragraph. */
    public static Map<String, String> parse(String message) {
        Map<String, String> out = new LinkedHashMap<>();
        if (message == null) return out;
        String[] paragraphs = message.strip().split("\\n\\s*\\n");
        for (String line : paragraphs[paragraphs.length - 1].split("\\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9-]+")) out.put(line.substring(0, colon), line.substring(colon + 2).strip());
        }
        return out;
    }

    /** The moment a tag was made, to the millisecond, when its message says so. */
    public static Instant time(String message) {
        String t = parse(message).get(TIME);
        if (t == null) return null;
        try {
            return Instant.parse(t);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
