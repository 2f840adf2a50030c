package dev.baton.journal;

import dev.baton.config.SectionReader;
import dev.baton.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `baton.notifications`: where switch events and alerts go.
 *
 * @param targets  `discord` (else DISCORD_WEBHOOK_URL), `slack` (else SLACK_WEBHOOK_URL), `webhook` (generic JSON)
 * @param retries  further tries after a failed delivery (`retries`, default 3)
 * @param backoff  the wait before the first retry, doubled for each next one (`retry_backoff`, default 1 s)
 * @param warnings unknown keys, for the log
 */
public record NotifySettings(List<WebhookTarget> targets, int retries, Duration backoff, List<String> warnings) {
    private static final Set<String> KNOWN = Set.of("discord", "slack", "webhook", "retries", "retry_backoff");

    public static NotifySettings from(Map<String, Object> batonSections, Map<String, String> env) {
        SectionReader in = SectionReader.of(batonSections, "notifications");
        List<WebhookTarget> targets = new ArrayList<>();
        add(targets, in, "discord", WebhookTarget.Kind.DISCORD, env.get("DISCORD_WEBHOOK_URL"));
        add(targets, in, "slack", WebhookTarget.Kind.SLACK, env.get("SLACK_WEBHOOK_URL"));
        add(targets, in, "webhook", WebhookTarget.Kind.JSON, null);
        return new NotifySettings(List.copyOf(targets), in.count("retries", 3), in.duration("retry_backoff", Duration.ofSeconds(1)),
                in.unknownKeys(KNOWN));
    }

    private static void add(List<WebhookTarget> targets, SectionReader in, String key, WebhookTarget.Kind kind, String fromEnv) {
        String url = in.string(key, null);
        if (url == null || url.isBlank()) url = fromEnv;
        if (url == null || url.isBlank()) return;
        url = url.strip();
        try {
            URI u = URI.create(url);
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            // the value itself is a credential: never repeat it
            throw in.error(key, "not an http(s) URL (value not shown: webhook URLs hold tokens)");
        }
        targets.add(new WebhookTarget(kind, Secret.of(url)));
    }
}
