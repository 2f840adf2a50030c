package dev.baton.routing;

import dev.baton.config.Deployment;
import java.time.Clock;

/**
 * Publishes a {@link SwitchEvent} when the deployment serving a (session, group) changes, and when a session's
 * first request is already served by a fallback (a switch away from the group's first deployment).
 */
public final class SwitchTracker {
    private final SwitchBus bus;
    private final Clock clock;
    private final SessionAffinity affinity;

    public SwitchTracker(SwitchBus bus, Clock clock) {
        this(bus, clock, new SessionAffinity());
    }

    public SwitchTracker(SwitchBus bus, Clock clock, SessionAffinity affinity) {
        this.bus = bus;
        this.clock = clock;
        this.affinity = affinity;
    }

    /** Where each session is served, which the fallback engine follows. */
    public SessionAffinity affinity() {
        return affinity;
    }

    /**
     * @param first  the group's first deployment
     * @param reason why the request did not stay where it was (null when nothing failed on the way)
     */
    public void served(String session, ModelGroup group, Deployment first, Deployment servedBy, String upstreamModel, String reason) {
        String previous = affinity.serve(session, group.name(), servedBy.id());
        String from = previous != null ? previous : first.id();
        if (from.equals(servedBy.id())) return;
        String why = reason != null ? reason : previous == null ? "first request served by a fallback" : "recovered: back to " + servedBy.id();
        bus.publish(new SwitchEvent(session, group.name(), from, servedBy.id(), upstreamModel, why, clock.instant()));
    }
}
