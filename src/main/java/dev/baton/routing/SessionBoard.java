package dev.baton.routing;

import java.util.function.BiConsumer;

/**
 * Where session affinity is shared between Baton instances (Redis when configured), so that a session whose turns a
 * load balancer spreads over several instances stays on one deployment. Each instance keeps its own
 * {@link SessionAffinity}; a move made by one is published here and adopted by the others.
 */
public interface SessionBoard {
    /** One instance alone: nothing to share. */
    SessionBoard NONE = new SessionBoard() {
        @Override
        public void publish(String key, String deployment) {
        }

        @Override
        public String lookup(String key) {
            return null;
        }

        @Override
        public void onMove(BiConsumer<String, String> adopt) {
        }
    };

    /** Tells the other instances that the (session, group) {@code key} is now served by {@code deployment}. */
    void publish(String key, String deployment);

    /** What was published for a key this instance has not seen, or null; may ask the shared store (once per key). */
    String lookup(String key);

    /** Where moves published by other instances go: (key, deployment). */
    void onMove(BiConsumer<String, String> adopt);
}
