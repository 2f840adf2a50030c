package dev.baton.journal;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The last working directory Claude Code stated for each session (for `repo: auto`). Bounded: the least recently
 * seen sessions are forgotten. A request without the statement (Claude Code's small background calls) keeps what
 * the session said before.
 */
public final class WorkingDirs {
    private static final int MAX_SESSIONS = 1_000;

    private final Map<String, String> bySession = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SESSIONS;
        }
    };
    private volatile String latest;

    /** Reads the request body; cheap enough for the request path (no I/O, a substring test before any regex). */
    public void observe(String session, JsonNode body) {
        String dir = ClaudeCodeEnv.workingDirectory(body);
        if (dir == null) return;
        latest = dir;
        synchronized (bySession) {
            bySession.put(session, dir);
        }
    }

    /** The session's directory, or null. */
    public String of(String session) {
        synchronized (bySession) {
            return bySession.get(session);
        }
    }

    /** The directory most recently stated by any session, or null. */
    public String latest() {
        return latest;
    }
}
