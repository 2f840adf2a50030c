package dev.baton.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which deployment serves each session's requests to a model group. A session stays where it is served: after a
 * failure moved it to a fallback, it keeps going there (not back and forth with every probe of the primary), and
 * returns to the group's preferred deployments only at a user turn and only once they have settled
 * ({@link DeploymentHealth#settled}). Bounded: the least recently seen sessions are forgotten. Held per instance.
 */
public final class SessionAffinity {
    private static final int MAX_SESSIONS = 10_000;

    private final Map<String, String> served = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    /** The deployment that last served the session's requests to the group, or null. */
    public String current(String session, String group) {
        synchronized (served) {
            return served.get(key(session, group));
        }
    }

    /** Records who served; returns who served before, or null for the session's first request to the group. */
    String serve(String session, String group, String deployment) {
        synchronized (served) {
            return served.put(key(session, group), deployment);
        }
    }

    private static String key(String session, String group) {
        return session + "\u0000" + group;
    }
}
