package dev.baton.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ConfigException;
import dev.baton.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `baton.journal` and `baton.notifications` as read from the config's `baton:` section and the environment. */
class JournalSettingsTest {
    @TempDir Path tmp;

    @Test
    void defaultsWithARepository() {
        JournalSettings s = JournalSettings.from(Map.of("journal", Map.of("repo", tmp.toString())), Map.of(), null);
        assertThat(s.repo()).isEqualTo(new RepoChoice.Fixed(tmp.toAbsolutePath().normalize()));
        assertThat(s.autoCommit()).isTrue();
        assertThat(s.tagPrefix()).isEqualTo("model-");
        assertThat(s.maxFileBytes()).isEqualTo(5L << 20);
        assertThat(s.verify()).isNull();
        assertThat(s.lockWait()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theServeDirectoryIsTheDefaultRepositoryOnlyWhenItIsTheTopOfAWorkTree() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        assertThat(JournalSettings.from(Map.of(), Map.of(), repo.dir).repo()).isEqualTo(new RepoChoice.Fixed(repo.dir));
        Path sub = Files.createDirectories(repo.dir.resolve("sub"));
        assertThat(JournalSettings.from(Map.of(), Map.of(), sub).repo()).isInstanceOf(RepoChoice.None.class);
        // embedded gateways (demo, tests) never journal without an explicit repo
        assertThat(JournalSettings.from(Map.of(), Map.of(), null).enabled()).isFalse();
        assertThat(JournalSettings.from(Map.of("journal", Map.of("enabled", false)), Map.of(), repo.dir).enabled()).isFalse();
    }

    @Test
    void batonsOwnCheckoutIsNeverTheDefaultRepository() {
        Path checkout = Path.of("").toAbsolutePath(); // the tests run in Baton's checkout, a git repository
        JournalSettings s = JournalSettings.from(Map.of(), Map.of(), checkout);
        assertThat(s.repo()).isInstanceOfSatisfying(RepoChoice.None.class, n -> assertThat(n.why()).contains("Baton's own installation"));
    }

    @Test
    void gitAutoCommitFalseInTheEnvironmentTurnsCommittingOff() {
        Map<String, Object> cfg = Map.of("journal", Map.of("repo", tmp.toString()));
        assertThat(JournalSettings.from(cfg, Map.of("GIT_AUTO_COMMIT", "false"), null).autoCommit()).isFalse();
        assertThat(JournalSettings.from(cfg, Map.of("GIT_AUTO_COMMIT", "true"), null).autoCommit()).isTrue();
        assertThat(JournalSettings.from(Map.of("journal", Map.of("repo", tmp.toString(), "auto_commit", false)), Map.of(), null)
                .autoCommit()).isFalse();
    }

    @Test
    void autoNeedsAllowedRoots() {
        assertThatThrownBy(() -> JournalSettings.from(Map.of("journal", Map.of("repo", "auto")), Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("baton.journal.allowed_roots");
        JournalSettings s = JournalSettings.from(Map.of("journal", Map.of("repo", "auto", "allowed_roots", List.of(tmp.toString()))), Map.of(), null);
        assertThat(s.repo()).isEqualTo(new RepoChoice.Auto(List.of(tmp.toAbsolutePath().normalize())));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> JournalSettings.from(Map.of("journal", Map.of("repo", tmp.toString(), "max_file_mb", "big")), Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessage("baton.journal.max_file_mb: expected a positive number, got text");
        assertThatThrownBy(() -> JournalSettings.from(Map.of("journal", Map.of("repo", tmp.toString(), "tag_prefix", "bad..prefix")), Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("baton.journal.tag_prefix");
        assertThatThrownBy(() -> JournalSettings.from(Map.of("journal", Map.of("repo", tmp.resolve("missing").toString())), Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not a directory");
        assertThat(JournalSettings.from(Map.of("journal", Map.of("repo", tmp.toString(), "auto_comit", false)), Map.of(), null).warnings())
                .singleElement().asString().contains("baton.journal.auto_comit: unknown key");
    }

    @Test
    void notificationChannelsComeFromTheConfigOrTheEnvironment() {
        NotifySettings none = NotifySettings.from(Map.of(), Map.of());
        assertThat(none.targets()).isEmpty();

        NotifySettings s = NotifySettings.from(Map.of("notifications", Map.of("webhook", "http://127.0.0.1:9/hook", "retries", 5L)),
                Map.of("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/123/secret-token",
                        "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/secret-token"));
        assertThat(s.targets()).extracting(WebhookTarget::kind)
                .containsExactly(WebhookTarget.Kind.DISCORD, WebhookTarget.Kind.SLACK, WebhookTarget.Kind.JSON);
        assertThat(s.retries()).isEqualTo(5);
        assertThat(s.targets()).extracting(WebhookTarget::masked)
                .containsExactly("discord https://discord.com/…", "slack https://hooks.slack.com/…", "json http://127.0.0.1:9/…");
        assertThat(s.targets().toString()).doesNotContain("secret-token");
    }

    @Test
    void aBadWebhookUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> NotifySettings.from(Map.of("notifications", Map.of("slack", "hooks.slack.com/services/secret-token")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("baton.notifications.slack")
                .message().doesNotContain("secret-token");
    }
}
