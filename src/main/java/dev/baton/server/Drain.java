package dev.baton.server;

import java.time.Duration;

/**
 * Requests in flight, counted so that a shutdown can wait for them: once draining, new requests are turned away
 * and {@link #awaitIdle} waits for the ones already in to finish.
 */
final class Drain {
    private int inFlight;
    private boolean draining;

    /** Counts a request in; false when draining, and the request must be turned away. */
    synchronized boolean enter() {
        if (draining) return false;
        inFlight++;
        return true;
    }

    synchronized void exit() {
        inFlight--;
        if (inFlight == 0) notifyAll();
    }

    synchronized void start() {
        draining = true;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** Waits until no request is in flight or the time is up; returns whether none is left. */
    synchronized boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
