package dev.baton.journal;

import java.time.Instant;
import java.util.Map;

/**
 * The result of `baton.journal.verify` on a closed segment, stored as a git note on the segment's tag:
 * <pre>
 * Baton-Verify: fail
 * Baton-Verify-Exit: 1
 * Baton-Verify-Command: mvn -q test
 * Baton-Verify-Time: 2026-01-05T10:00:00Z
 *
 * (the last lines of the command's output)
 * </pre>
 *
 * @param passed  exit code 0 within the time limit
 * @param exit    the exit code, or -1 when the command timed out or could not start
 * @param command the command
 * @param time    when it finished
 * @param output  the tail of its output (stdout and stderr together)
 */
public record VerifyNote(boolean passed, int exit, String command, Instant time, String output) {
    private static final String RESULT = "Baton-Verify";

    public String text() {
        return RESULT + ": " + (passed ? "pass" : "fail") + "\n"
                + RESULT + "-Exit: " + exit + "\n"
                + RESULT + "-Command: " + command.replaceAll("[\\r\\n]+", " ") + "\n"
                + RESULT + "-Time: " + time + "\n\n"
                + output + (output.endsWith("\n") ? "" : "\n");
    }

    /** A note Baton wrote, or null for any other note (or none). */
    public static VerifyNote parse(String note) {
        if (note == null || !note.startsWith(RESULT + ": ")) return null;
        int split = note.indexOf("\n\n");
        String head = split < 0 ? note : note.substring(0, split);
        String output = split < 0 ? "" : note.substring(split + 2).stripTrailing();
        Map<String, String> h = Trailers.parse(head);
        int exit;
        Instant time;
        try {
            exit = Integer.parseInt(h.getOrDefault(RESULT + "-Exit", "-1"));
            time = Instant.parse(h.getOrDefault(RESULT + "-Time", Instant.EPOCH.toString()));
        } catch (RuntimeException malformed) {
            exit = -1;
            time = Instant.EPOCH;
        }
        return new VerifyNote("pass".equals(h.get(RESULT)), exit, h.getOrDefault(RESULT + "-Command", ""), time, output);
    }
}
