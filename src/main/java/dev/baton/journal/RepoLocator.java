package dev.baton.journal;

import dev.baton.routing.SwitchEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The work tree a switch is written to, from the configured {@link RepoChoice}. */
final class RepoLocator {
    /** A work tree, or why there is none. */
    record Located(Path workTree, String whyNot) {
        static Located none(String why) {
            return new Located(null, why);
        }
    }

    private final RepoChoice choice;
    private final WorkingDirs dirs;

    RepoLocator(RepoChoice choice, WorkingDirs dirs) {
        this.choice = choice;
        this.dirs = dirs;
    }

    Located locate(SwitchEvent e) {
        return switch (choice) {
            case RepoChoice.None n -> Located.none(n.why());
            case RepoChoice.Fixed f -> {
                Path top = topOf(f.workTree(), null);
                yield top != null ? new Located(top, null) : Located.none(f.workTree() + " is not inside a git work tree");
            }
            case RepoChoice.Auto a -> auto(e, a.allowedRoots());
        };
    }

    private Located auto(SwitchEvent e, List<Path> roots) {
        String stated = dirs.of(e.session());
        // an event from outside (POST /webhook) has no session of ours: the most recent Claude Code directory stands in
        if (stated == null && WebhookIntake.SESSION.equals(e.session())) stated = dirs.latest();
        if (stated == null) return Located.none("repo: auto, and session " + e.session() + " has not stated a working directory");
        Path dir;
        try {
            dir = Path.of(stated).toRealPath();
        } catch (IOException | RuntimeException gone) {
            return Located.none("repo: auto, and the stated working directory " + stated + " does not exist here");
        }
        for (Path root : roots) {
            Path real;
            try {
                real = root.toRealPath();
            } catch (IOException missing) {
                continue;
            }
            if (!dir.startsWith(real)) continue;
            Path top = topOf(dir, real);
            if (top != null) return new Located(top, null);
        }
        return Located.none("repo: auto, and " + dir + " is not inside a git work tree under baton.journal.allowed_roots " + roots);
    }

    /** The nearest directory at or above {@code dir} with a `.git`, not above {@code ceiling} when one is given. */
    static Path topOf(Path dir, Path ceiling) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (ceiling != null && !p.startsWith(ceiling)) return null;
            if (Files.exists(p.resolve(".git"))) return p;
        }
        return null;
    }
}
