package dev.baton.journal;

import dev.baton.config.Secret;
import java.net.URI;
import java.util.Locale;

/**
 * One notification channel. The URL carries its token (Discord's and Slack's webhook URLs are credentials), so it is
 * kept as a {@link Secret} and only ever shown as {@link #masked()}.
 */
public record WebhookTarget(Kind kind, Secret url) {
    public enum Kind {
        DISCORD, SLACK, JSON
    }

    /** `discord https://discord.com/…`: scheme and host, never the path that holds the token. */
    public String masked() {
        String host;
        try {
            URI u = URI.create(url.reveal());
            host = u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/…";
        } catch (RuntimeException e) {
            host = "(invalid URL)";
        }
        return kind.name().toLowerCase(Locale.ROOT) + " " + host;
    }

    @Override
    public String toString() {
        return masked();
    }
}
