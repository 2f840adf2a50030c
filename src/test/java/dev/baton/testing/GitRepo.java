package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository in a temp dir, driven and read back with the machine's `git` CLI, so tests check what
 * Baton wrote the way a user would see it (`git tag -l`, `git log --format=%(trailers)`, `git notes show`).
 */
public final class GitRepo {
    public final Path dir;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    /** `git init -b main` with a local identity; no commit yet (an unborn branch). */
    public static GitRepo init(Path dir) {
        GitRepo r = new GitRepo(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        r.git("init", "-q", "-b", "main");
        r.git("config", "user.name", "Test User");
        r.git("config", "user.email", "test@example.com");
        r.git("config", "commit.gpgsign", "false");
        r.git("config", "tag.gpgsign", "false");
        return r;
    }

    /** An existing work tree (a linked worktree, say). */
    public static GitRepo open(Path dir) {
        return new GitRepo(dir);
    }

    /** A repository with one commit holding {@code files} (name, content pairs). */
    public static GitRepo withCommit(Path dir, String... files) {
        GitRepo r = init(dir);
        r.write(files);
        r.git("add", "-A");
        r.git("commit", "-q", "-m", "initial");
        return r;
    }

    /** Writes name, content pairs (creating directories). */
    public GitRepo write(String... files) {
        for (int i = 0; i < files.length; i += 2) {
            Path p = dir.resolve(files[i]);
            try {
                Files.createDirectories(p.getParent());
                Files.writeString(p, files[i + 1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String file) {
        return Files.exists(dir.resolve(file));
    }

    public void commitAll(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    /** Runs git and returns its stdout; fails the test on a non-zero exit. */
    public String git(String... args) {
        Result r = run(args);
        if (r.exit() != 0) throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.out() + r.err());
        return r.out();
    }

    public record Result(int exit, String out, String err) {
    }

    /** Runs git and returns whatever happened. */
    public Result run(String... args) {
        return run(Map.of(), args);
    }

    public Result run(Map<String, String> env, String... args) {
        try {
            Process p = start(env, args);
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts git without waiting for it (a concurrent git process). */
    public Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Lines of stdout, without blanks. */
    public List<String> lines(String... args) {
        return git(args).lines().filter(l -> !l.isBlank()).toList();
    }

    public String head() {
        return git("rev-parse", "HEAD").strip();
    }

    public List<String> tags(String pattern) {
        return lines("tag", "-l", pattern);
    }

    /** `git status --porcelain` (empty when clean). */
    public String status() {
        return git("status", "--porcelain");
    }
}
