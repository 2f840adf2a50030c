package dev.baton.ui;

import dev.baton.routing.SwitchEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latest switch events since the gateway started, for the live view and the per-session timeline (the journal's
 * tags keep them for good where a journal is on). Bounded: the oldest are forgotten first.
 */
final class SwitchLog implements Consumer<SwitchEvent> {
    private static final int MAX = 1000;
    private final ArrayDeque<SwitchEvent> events = new ArrayDeque<>();

    @Override
    public synchronized void accept(SwitchEvent e) {
        events.addLast(e);
        if (events.size() > MAX) events.pollFirst();
    }

    /** The newest {@code n}, newest first. */
    synchronized List<SwitchEvent> latest(int n) {
        List<SwitchEvent> out = new ArrayList<>(Math.min(n, events.size()));
        var it = events.descendingIterator();
        while (it.hasNext() && out.size() < n) out.add(it.next());
        return out;
    }

    /** Each session's switches, oldest first; the session that switched last comes first. */
    synchronized Map<String, List<SwitchEvent>> bySession() {
        Map<String, List<SwitchEvent>> out = new LinkedHashMap<>();
        var it = events.descendingIterator();
        while (it.hasNext()) {
            SwitchEvent e = it.next();
            out.computeIfAbsent(e.session() == null ? "-" : e.session(), k -> new ArrayList<>()).add(0, e);
        }
        return out;
    }
}
