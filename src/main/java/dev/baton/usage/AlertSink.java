package dev.baton.usage;

/**
 * Where cost alerts go. The default writes a log line; the journal's notifiers (Discord, Slack, webhook) plug in
 * here when configured.
 */
@FunctionalInterface
public interface AlertSink {
    void alert(String title, String text);

    /** A warning in Baton's log. */
    AlertSink LOG = (title, text) -> org.slf4j.LoggerFactory.getLogger(AlertSink.class).warn("ALERT {}: {}", title, text);
}
