package dev.baton.journal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs `baton.journal.verify` in the work tree when a segment closes and stores the outcome as a git note on the
 * segment's tag, where `baton review --analyze` shows it and `--rollback-failed` finds it.
 */
final class Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    private static final int TAIL_LINES = 40;
    private static final int TAIL_CHARS = 4000;

    private final String command;
    private final Duration timeout;

    Verifier(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    VerifyNote verify(Path workTree, JournalTag segment) {
        VerifyNote note = run(workTree);
        try (Git git = Git.open(workTree.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevObject tag = walk.parseAny(segment.tagId());
            git.notesAdd().setObjectId(tag).setMessage(note.text()).call();
            LOG.info("journal: verify {} for {} in {}", note.passed() ? "passed" : "failed (exit " + note.exit() + ")",
                    segment.name().name(), workTree);
        } catch (Exception e) {
            LOG.warn("journal: could not store the verify note on {} in {}: {}", segment.name().name(), workTree, e.toString());
        }
        return note;
    }

    VerifyNote run(Path workTree) {
        Path log = null;
        Process p = null;
        try {
            log = Files.createTempFile("baton-verify", ".log");
            ProcessBuilder pb = new ProcessBuilder(shell()).directory(workTree.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
            p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String out = tail(Files.readString(log, StandardCharsets.UTF_8));
            if (!done) out = out + "\n[Baton: stopped after " + timeout.toSeconds() + " s (baton.journal.verify_timeout)]";
            int exit = done ? p.exitValue() : -1;
            return new VerifyNote(done && exit == 0, exit, command, Instant.now(), out);
        } catch (IOException e) {
            return new VerifyNote(false, -1, command, Instant.now(), "[Baton: could not run the command: " + e.getMessage() + "]");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return new VerifyNote(false, -1, command, Instant.now(), "[Baton: interrupted while shutting down]");
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    private List<String> shell() {
        return isWindows() ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
    }

    private static String nullDevice() {
        return isWindows() ? "NUL" : "/dev/null";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The last lines of the output: the end of a test run is where its verdict is. */
    static String tail(String s) {
        String[] lines = s.split("\\R", -1);
        int from = Math.max(0, lines.length - TAIL_LINES);
        String t = String.join("\n", Arrays.asList(lines).subList(from, lines.length)).strip();
        return t.length() > TAIL_CHARS ? t.substring(t.length() - TAIL_CHARS) : t;
    }
}
