package dev.baton.routing;

import java.time.Instant;

/**
 * Where cooldown deadlines are shared between Baton instances (Redis when configured). Each instance keeps its own
 * {@link DeploymentHealth}; a deadline set by one is published here, and the others adopt it the next time they
 * look at that deployment. {@link #until} is called on every attempt, so implementations answer from memory.
 */
public interface CooldownBoard {
    /** One instance alone: nothing to share. */
    CooldownBoard NONE = new CooldownBoard() {
        @Override
        public void publish(String deployment, Instant until) {
        }

        @Override
        public Instant until(String deployment) {
            return null;
        }

        @Override
        public void clear(String deployment) {
        }
    };

    /** Tells the other instances that {@code deployment} (a health key: the id, plus a credential for passthrough) cools until then. */
    void publish(String deployment, Instant until);

    /** The latest deadline any instance published for the deployment, or null. Must not block. */
    Instant until(String deployment);

    /** Withdraws the deployment's deadline, everywhere: it was put back into service by hand. */
    void clear(String deployment);
}
