package dev.baton.routing;

import dev.baton.canonical.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Whether one deployment (for one credential) takes traffic: healthy; cooling down until a deadline; or, once the
 * deadline has passed, on probation, where a single probe request must succeed before it takes full traffic again.
 */
public final class DeploymentHealth {

    /** Granted to one attempt; a probe is the single request let through after a cooldown. */
    public enum Permit { NORMAL, PROBE }

    public enum State { HEALTHY, COOLING, PROBATION }

    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    private final String key;
    private final CooldownBoard board;
    private Instant coolingUntil = Instant.MIN;
    private boolean probation;
    private boolean probeInFlight;
    private Failure lastFailure;
    private final ArrayDeque<Instant> recentFailures = new ArrayDeque<>();

    public DeploymentHealth() {
        this("", CooldownBoard.NONE);
    }

    /** @param key the deployment's health key, under which its cooldowns are shared on {@code board} */
    DeploymentHealth(String key, CooldownBoard board) {
        this.key = key;
        this.board = board;
    }

    /** A deadline another instance set that is later than ours becomes ours, probation included. */
    private void adoptShared() {
        Instant shared = board.until(key);
        if (shared != null && shared.isAfter(coolingUntil)) {
            coolingUntil = shared;
            probation = true;
        }
    }

    /** A permit to send one request now, or null when the deployment is cooling or its probe is out. */
    public synchronized Permit tryAcquire(Instant now) {
        adoptShared();
        if (now.isBefore(coolingUntil)) return null;
        if (!probation) return Permit.NORMAL;
        if (probeInFlight) return null;
        probeInFlight = true;
        return Permit.PROBE;
    }

    /** The deployment answered (even a request it rejected shows it is up). */
    public synchronized void answered(Permit permit) {
        if (permit == Permit.PROBE) {
            probeInFlight = false;
            probation = false;
        }
        recentFailures.clear();
    }

    /** The attempt ended without a verdict on the deployment (for instance the client went away). */
    public synchronized void released(Permit permit) {
        if (permit == Permit.PROBE) probeInFlight = false;
    }

    /**
     * Records a failure; returns how many failed within the last minute, this one included.
     */
    public synchronized int failed(Permit permit, Failure failure, Instant now) {
        if (permit == Permit.PROBE) probeInFlight = false;
        lastFailure = failure;
        while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(now.minus(FAILURE_WINDOW))) {
            recentFailures.pollFirst();
        }
        recentFailures.addLast(now);
        return recentFailures.size();
    }

    /** Cools the deployment until {@code until}; a later deadline already set is kept (re-cooling extends, never shortens). */
    public void coolUntil(Instant until) {
        Instant deadline;
        synchronized (this) {
            if (until.isAfter(coolingUntil)) coolingUntil = until;
            probation = true;
            recentFailures.clear();
            deadline = coolingUntil;
        }
        board.publish(key, deadline); // outside the lock: it may go over the network
    }

    public synchronized State state(Instant now) {
        adoptShared();
        if (now.isBefore(coolingUntil)) return State.COOLING;
        return probation ? State.PROBATION : State.HEALTHY;
    }

    /** When the deployment can next be tried: now, or the end of its cooldown. */
    public synchronized Instant availableAt(Instant now) {
        adoptShared();
        return now.isBefore(coolingUntil) ? coolingUntil : now;
    }

    public synchronized Failure lastFailure() {
        return lastFailure;
    }
}
