package dev.baton.journal;

import dev.baton.routing.SwitchEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Test setup for journals on real repositories. */
final class Journals {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00.250Z");

    private Journals() {
    }

    /** `baton.journal` with {@code repo} plus key, value pairs. */
    static JournalSettings settings(Path repo, Object... keyValues) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("repo", repo.toString());
        for (int i = 0; i < keyValues.length; i += 2) j.put((String) keyValues[i], keyValues[i + 1]);
        return JournalSettings.from(Map.of("journal", j), Map.of(), null);
    }

    static Journal journal(JournalSettings s) {
        return new Journal(s, new NotifySettings(java.util.List.of(), 0, Duration.ofMillis(10), java.util.List.of()));
    }

    static SwitchEvent toModel(String model, Instant at) {
        return new SwitchEvent("session-1", "claude-sonnet", "primary", "secondary", model, "429 rate limited (retry-after 30s)", at);
    }

    static JournalResult record(Journal j, SwitchEvent e) {
        CompletableFuture<JournalResult> f = j.record(e);
        return f.join();
    }

    static JournalResult.Recorded recorded(JournalResult r) {
        if (r instanceof JournalResult.Recorded ok) return ok;
        throw new AssertionError("expected a recorded switch, got " + r);
    }
}
