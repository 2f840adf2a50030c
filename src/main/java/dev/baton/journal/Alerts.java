package dev.baton.journal;

/**
 * Sends a one-off message to every configured notification channel (Discord, Slack, JSON webhook), for instance a
 * budget or cost alert. Asynchronous: returns at once, never throws, never blocks the caller.
 */
public interface Alerts {
    Alerts NONE = (title, text) -> { };

    void alert(String title, String text);
}
