package dev.baton.ui;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's logged-in sessions, in memory (a restart logs everyone out). A session is a random cookie value;
 * each carries its own CSRF token, which every state-changing form sends back. Sessions end after
 * {@link #IDLE} without use; at most {@link #MAX} live at once (the least recently used goes first).
 */
final class UiSessions {
    static final Duration IDLE = Duration.ofHours(12);
    private static final int MAX = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One login: who, and the token its forms must carry. */
    record Session(String id, String user, String csrf) {
        boolean csrfMatches(String presented) {
            return tokensMatch(csrf, presented);
        }
    }

    private record Entry(Session session, long lastUsedMs) {
    }

    private final Map<String, Entry> byId = new LinkedHashMap<>(64, 0.75f, true);

    /** Constant-time, so a token cannot be guessed a character at a time. */
    static boolean tokensMatch(String expected, String presented) {
        return expected != null && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    synchronized Session open(String user) {
        Session s = new Session(token(), user, token());
        byId.put(s.id(), new Entry(s, System.currentTimeMillis()));
        if (byId.size() > MAX) {
            Iterator<String> eldest = byId.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return s;
    }

    /** The live session with this cookie value, or null; finding it counts as use. */
    synchronized Session find(String id) {
        if (id == null) return null;
        Entry e = byId.get(id);
        if (e == null) return null;
        long now = System.currentTimeMillis();
        if (now - e.lastUsedMs() > IDLE.toMillis()) {
            byId.remove(id);
            return null;
        }
        byId.put(id, new Entry(e.session(), now));
        return e.session();
    }

    synchronized void close(String id) {
        if (id != null) byId.remove(id);
    }
}
