package dev.baton.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which deployment serves each session's requests to a model group. A session stays where it is served: after a
 * failure moved it to a fallback, it keeps going there (not back and forth with every probe of the primary), and
 * returns to the group's preferred deployments only at a user turn and only once they have settled
 * ({@link DeploymentHealth#settled}). Bounded: the least recently seen sessions are forgotten. Held per instance,
 * and shared through a {@link SessionBoard} when instances share state: a move is published, and a session this
 * instance has not seen is looked up there once.
 */
public final class SessionAffinity {
    private static final int MAX_SESSIONS = 10_000;

    private final SessionBoard board;

    private final Map<String, String> served = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    public SessionAffinity() {
        this(SessionBoard.NONE);
    }

    public SessionAffinity(SessionBoard board) {
        this.board = board;
        board.onMove(this::adopt);
    }

    /** The deployment that last served the session's requests to the group, or null. */
    public String current(String session, String group) {
        String key = key(session, group);
        String known;
        synchronized (served) {
            known = served.get(key);
        }
        if (known != null) return known;
        String shared = board.lookup(key); // not under the lock: it may ask Redis
        if (shared != null) adopt(key, shared);
        return shared;
    }

    /** Records who served; returns who served before, or null for the session's first request to the group. */
    String serve(String session, String group, String deployment) {
        String key = key(session, group);
        String previous;
        synchronized (served) {
            previous = served.put(key, deployment);
        }
        if (!deployment.equals(previous)) board.publish(key, deployment);
        return previous;
    }

    private void adopt(String key, String deployment) {
        synchronized (served) {
            served.put(key, deployment);
        }
    }

    private static String key(String session, String group) {
        return session + "\u0000" + group;
    }
}
