package dev.baton.routing;

import dev.baton.canonical.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Whether one deployment (for one credential) takes traffic: healthy; cooling down until a deadline; once the
 * deadline has passed, on probation, where a single probe request must succeed; then recovering, taking a rising
 * share of its traffic (a fifth, two fifths, ...) with each success, until it takes all of it again.
 *
 * <p>It also remembers how often it has been cooled lately (its escalation), so that a deployment that fails again
 * soon after each recovery rests longer each time, and when it last failed, so that sessions moved off it return
 * only once it has settled.
 */
public final class DeploymentHealth {

    /** Granted to one attempt; a probe is the single request let through after a cooldown. */
    public enum Permit { NORMAL, PROBE }

    public enum State { HEALTHY, COOLING, PROBATION, RECOVERING }

    /** Successes after a probe before a deployment takes all its traffic again. */
    static final int RAMP_STEPS = 4;

    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    /** A cooldown that ended longer ago than this no longer makes the next one longer. */
    static final Duration ESCALATION_MEMORY = Duration.ofMinutes(10);
    /** The longest a deployment must go without failing to count as settled, however often it was cooled. */
    static final Duration MAX_SETTLE = Duration.ofMinutes(30);

    private final String key;
    private final CooldownBoard board;
    private Instant coolingUntil = Instant.MIN;
    private boolean probation;
    private boolean probeInFlight;
    /** 0 when not recovering; else 1 + the successes since the probe. */
    private int ramp;
    private Failure lastFailure;
    private Instant lastFailureAt;
    /** Cooldowns in a row, each begun within {@link #ESCALATION_MEMORY} of the previous one's end. */
    private int episodes;
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

    /**
     * The deployment answered (even a request it rejected shows it is up). Failures of the last minute still count
     * against `allowed_fails`: a deployment that breaks every other stream must not be forgiven by each success.
     */
    public synchronized void answered(Permit permit) {
        if (permit == Permit.PROBE) {
            probeInFlight = false;
            probation = false;
            ramp = 1;
        } else if (ramp > 0) {
            ramp = ramp >= RAMP_STEPS ? 0 : ramp + 1;
            if (ramp == 0) episodes = 0; // back at full traffic: its next cooldown starts from scratch
        }
    }

    /** The share of its traffic the deployment takes now: 1, or less while it recovers from a cooldown. */
    public synchronized double share() {
        return ramp == 0 ? 1 : ramp / (RAMP_STEPS + 1.0);
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
        lastFailureAt = now;
        while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(now.minus(FAILURE_WINDOW))) {
            recentFailures.pollFirst();
        }
        recentFailures.addLast(now);
        return recentFailures.size();
    }

    /**
     * How many cooldowns in a row came before the one a failure now would start (0 for the first in a while); while
     * cooling, the current one's. A policy doubles its cooldown per step.
     */
    public synchronized int escalation(Instant now) {
        if (now.isBefore(coolingUntil)) return Math.max(0, episodes - 1);
        if (!coolingUntil.equals(Instant.MIN) && now.isAfter(coolingUntil.plus(ESCALATION_MEMORY))) episodes = 0;
        return episodes;
    }

    /** Cools the deployment for {@code length} from {@code now}, counting a new cooldown episode if it was not cooling. */
    public void coolFor(Instant now, Duration length) {
        synchronized (this) {
            if (!now.isBefore(coolingUntil)) {
                escalation(now); // forgets old episodes
                episodes++;
            }
        }
        coolUntil(now.plus(length));
    }

    /**
     * Whether the deployment has recovered enough for sessions moved off it to come back: not cooling, and no failure
     * for {@code settle} (doubled after each cooldown in a row), so a session does not flip back and forth with a
     * deployment that keeps failing. It may still be on probation: the returning request is then its probe, and
     * falls back unseen if the probe fails.
     */
    public synchronized boolean settled(Instant now, Duration settle) {
        adoptShared();
        if (now.isBefore(coolingUntil)) return false;
        if (lastFailureAt == null) return true;
        settle = settle.multipliedBy(1L << Math.min(episodes, 5));
        if (settle.compareTo(MAX_SETTLE) > 0) settle = MAX_SETTLE;
        return !now.isBefore(lastFailureAt.plus(settle));
    }

    /** Cools the deployment until {@code until}; a later deadline already set is kept (re-cooling extends, never shortens). */
    public void coolUntil(Instant until) {
        Instant deadline;
        synchronized (this) {
            if (until.isAfter(coolingUntil)) coolingUntil = until;
            probation = true;
            ramp = 0;
            recentFailures.clear();
            deadline = coolingUntil;
        }
        board.publish(key, deadline); // outside the lock: it may go over the network
    }

    public synchronized State state(Instant now) {
        adoptShared();
        if (now.isBefore(coolingUntil)) return State.COOLING;
        return probation ? State.PROBATION : ramp > 0 ? State.RECOVERING : State.HEALTHY;
    }

    /** When the deployment can next be tried: now, or the end of its cooldown. */
    public synchronized Instant availableAt(Instant now) {
        adoptShared();
        return now.isBefore(coolingUntil) ? coolingUntil : now;
    }

    public synchronized Failure lastFailure() {
        return lastFailure;
    }

    /** How many cooldowns in a row it has had (for the admin API); see {@link #escalation}. */
    public synchronized int cooldownsInARow() {
        return episodes;
    }

    /**
     * Puts the deployment back into service at once (an operator's `POST /admin/deployments/{id}/recover`): no
     * cooldown, no probation, failures forgotten. Its shared deadline is withdrawn too, else it would cool the
     * deployment again at the next look.
     */
    public synchronized void recover() {
        board.clear(key);
        recoveredElsewhere();
    }

    /**
     * {@link #recover} as another instance did it: that one has withdrawn the shared deadline already, so only this
     * instance's own state is reset (no second withdrawal per instance).
     */
    public synchronized void recoveredElsewhere() {
        coolingUntil = Instant.MIN;
        probation = false;
        probeInFlight = false;
        ramp = 0;
        episodes = 0;
        lastFailureAt = null;
        recentFailures.clear();
    }
}
