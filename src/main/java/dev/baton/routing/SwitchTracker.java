package dev.baton.routing;

import dev.baton.config.Deployment;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which deployment last served each (session, group) and publishes a {@link SwitchEvent} when it
 * changes, and when a session's first request is already served by a fallback (a switch away from the group's
 * first deployment). Bounded: the least recently seen sessions are forgotten.
 */
public final class SwitchTracker {
    private static final int MAX_SESSIONS = 10_000;

    private final SwitchBus bus;
    private final Clock clock;
    private final Map<String, String> lastServed = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    public SwitchTracker(SwitchBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * @param first  the group's first deployment
     * @param reason why the request did not stay where it was (null when nothing failed on the way)
     */
    public void served(String session, ModelGroup group, Deployment first, Deployment servedBy, String upstreamModel, String reason) {
        String key = session + "\u0000" + group.name();
        String previous;
        synchronized (lastServed) {
            previous = lastServed.put(key, servedBy.id());
        }
        String from = previous != null ? previous : first.id();
        if (from.equals(servedBy.id())) return;
        String why = reason != null ? reason : previous == null ? "first request served by a fallback" : "recovered: back to " + servedBy.id();
        bus.publish(new SwitchEvent(session, group.name(), from, servedBy.id(), upstreamModel, why, clock.instant()));
    }
}
