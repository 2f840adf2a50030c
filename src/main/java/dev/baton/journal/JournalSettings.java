package dev.baton.journal;

import dev.baton.config.SectionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * `baton.journal`: where and how switches are written to git.
 *
 * @param repo          which repository (see {@link RepoChoice})
 * @param autoCommit    commit the working tree on each switch (`auto_commit`, default true; `GIT_AUTO_COMMIT=false`
 *                      in the environment turns it off); off: only HEAD is tagged
 * @param tagPrefix     `tag_prefix`, default `model-`
 * @param maxFileBytes  files larger than this are left out of auto-commits (`max_file_mb`, default 5)
 * @param verify        `verify`: a shell command run in the work tree when a segment closes, or null
 * @param verifyTimeout `verify_timeout`, default 10 minutes
 * @param lockWait      how long to wait for another git's `index.lock` before skipping (`index_lock_wait`, default 10 s)
 * @param warnings      unknown keys and similar, for the log
 */
public record JournalSettings(RepoChoice repo, boolean autoCommit, String tagPrefix, long maxFileBytes, String verify,
                              Duration verifyTimeout, Duration lockWait, List<String> warnings) {
    public static final String DEFAULT_PREFIX = "model-";
    private static final Set<String> KNOWN = Set.of("enabled", "repo", "allowed_roots", "auto_commit", "tag_prefix",
            "max_file_mb", "verify", "verify_timeout", "index_lock_wait");

    /**
     * @param batonSections {@code BatonSettings.sections()}
     * @param env           the process environment (GIT_AUTO_COMMIT)
     * @param serveDir      the directory `baton serve` runs in, or null when the gateway is embedded (demo, tests):
     *                      then only an explicit `repo` enables the journal
     */
    public static JournalSettings from(Map<String, Object> batonSections, Map<String, String> env, Path serveDir) {
        SectionReader in = SectionReader.of(batonSections, "journal");
        List<String> warnings = new ArrayList<>(in.unknownKeys(KNOWN));
        String prefix = in.string("tag_prefix", DEFAULT_PREFIX);
        if (prefix.isEmpty() || prefix.startsWith(TagName.ACCEPTED) || !Repository.isValidRefName("refs/tags/" + prefix + "x")) {
            throw in.error("tag_prefix", "'" + prefix + "' cannot start a tag name (use letters, digits, '-', '_', '.', '/')");
        }
        double mb = in.positive("max_file_mb", 5);
        boolean autoCommit = in.bool("auto_commit", true) && !isFalse(env.get("GIT_AUTO_COMMIT"));
        String verify = in.string("verify", null);
        if (verify != null && verify.isBlank()) verify = null;
        return new JournalSettings(repo(in, serveDir, warnings), autoCommit, prefix, (long) (mb * (1 << 20)), verify,
                in.duration("verify_timeout", Duration.ofMinutes(10)), in.duration("index_lock_wait", Duration.ofSeconds(10)),
                List.copyOf(warnings));
    }

    public boolean enabled() {
        return !(repo instanceof RepoChoice.None);
    }

    private static RepoChoice repo(SectionReader in, Path serveDir, List<String> warnings) {
        if (!in.bool("enabled", true)) return new RepoChoice.None("baton.journal.enabled is false");
        Path base = serveDir != null ? serveDir : Path.of("").toAbsolutePath();
        String repo = in.string("repo", null);
        if (repo == null) {
            if (in.has("allowed_roots")) warnings.add("baton.journal.allowed_roots is only read with repo: auto");
            if (serveDir != null && Files.exists(serveDir.resolve(".git"))) {
                Path dir = serveDir.toAbsolutePath().normalize();
                // `./baton serve` in Baton's own checkout must not commit there: that is not the user's project
                if (batonHome() != null && batonHome().startsWith(dir)) {
                    return new RepoChoice.None(dir + " is Baton's own installation; run baton serve in your project or set baton.journal.repo");
                }
                return new RepoChoice.Fixed(dir);
            }
            return new RepoChoice.None(serveDir == null ? "no baton.journal.repo configured"
                    : "no baton.journal.repo configured and " + serveDir.toAbsolutePath() + " is not the top of a git work tree");
        }
        if (repo.strip().equalsIgnoreCase("auto")) {
            List<Path> roots = new ArrayList<>();
            for (String r : in.strings("allowed_roots")) roots.add(path(r, base));
            if (roots.isEmpty()) {
                throw in.error("allowed_roots", "repo: auto needs allowed_roots, the directories whose repositories Baton may commit to");
            }
            return new RepoChoice.Auto(List.copyOf(roots));
        }
        Path p = path(repo, base);
        if (!Files.isDirectory(p)) throw in.error("repo", p + " is not a directory");
        return new RepoChoice.Fixed(p);
    }

    /** Where Baton's own jar or classes are, or null when unknown. */
    private static Path batonHome() {
        try {
            return Path.of(JournalSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (Exception unknown) {
            return null;
        }
    }

    /** `~/x` is the home directory's x; relative paths are taken from the serve directory. */
    static Path path(String text, Path base) {
        String t = text.strip();
        if (t.equals("~") || t.startsWith("~/")) t = System.getProperty("user.home") + t.substring(1);
        return base.resolve(t).toAbsolutePath().normalize();
    }

    private static boolean isFalse(String v) {
        if (v == null) return false;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "false", "0", "no", "off" -> true;
            default -> false;
        };
    }

    /** For summaries and errors. */
    public String describe() {
        return switch (repo) {
            case RepoChoice.None n -> "journal off (" + n.why() + ")";
            case RepoChoice.Fixed f -> "journal: " + f.workTree() + (autoCommit ? "" : " (tags only, auto_commit off)");
            case RepoChoice.Auto a -> "journal: Claude Code's working directory inside " + a.allowedRoots()
                    + (autoCommit ? "" : " (tags only, auto_commit off)");
        };
    }
}
