package dev.baton.journal;

import dev.baton.config.BatonSettings;
import dev.baton.dialect.Json;
import dev.baton.routing.SwitchEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The switch journal of a running gateway: each switch becomes a commit and a tag in the working repository (on the
 * journal's own thread, never the request's or the switch bus's), a notification on every channel, and, when
 * `verify` is set, a check of the segment it closes.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int QUEUE = 256;
    private static final Duration WEBHOOK_WAIT = Duration.ofSeconds(5);

    private final JournalSettings settings;
    private final NotifySettings notifySettings;
    private final WorkingDirs dirs = new WorkingDirs();
    private final RepoLocator locator;
    private final SwitchRecorder recorder;
    private final Verifier verifier;
    private final Notifier notifier;
    private final BoundedWorker git;
    private final BoundedWorker verify;

    Journal(JournalSettings settings, NotifySettings notify) {
        this.settings = settings;
        this.notifySettings = notify;
        this.locator = new RepoLocator(settings.repo(), dirs);
        this.recorder = new SwitchRecorder(settings);
        this.verifier = settings.verify() == null ? null : new Verifier(settings.verify(), settings.verifyTimeout());
        this.notifier = new Notifier(notify);
        this.git = new BoundedWorker("baton-journal", QUEUE);
        this.verify = new BoundedWorker("baton-journal-verify", QUEUE);
        settings.warnings().forEach(LOG::warn);
        notify.warnings().forEach(LOG::warn);
    }

    /**
     * @param serveDir the directory `baton serve` runs in (the default repository when it is one), or null
     * @throws dev.baton.config.ConfigException for an unusable `baton.journal` or `baton.notifications`
     */
    public static Journal start(BatonSettings baton, Map<String, String> env, Path serveDir) {
        Journal j = new Journal(JournalSettings.from(baton.sections(), env, serveDir), NotifySettings.from(baton.sections(), env));
        LOG.info("{}; notifications: {}", j.settings.describe(),
                j.notifier.enabled() ? j.notifySettings.targets().stream().map(WebhookTarget::masked).toList() : "none");
        return j;
    }

    /** Checks the sections without starting anything (for `baton config check`). */
    public static void validate(BatonSettings baton, Map<String, String> env) {
        JournalSettings.from(baton.sections(), env, null);
        NotifySettings.from(baton.sections(), env);
    }

    public JournalSettings settings() {
        return settings;
    }

    /** Where other parts send alerts (budgets, costs): every configured notification channel. */
    public Alerts alerts() {
        return notifier;
    }

    /** Called for each Messages request (`repo: auto` learns the session's working directory); no I/O. */
    public void observe(String session, java.util.function.Supplier<JsonNode> body) {
        if (settings.repo() instanceof RepoChoice.Auto) dirs.observe(session, body.get()); // only then is the body read
    }

    /** The switch bus's listener: hands the event over and returns at once. */
    public void onSwitch(SwitchEvent e) {
        notifier.switched(e);
        if (settings.enabled()) record(e);
    }

    /** Journals one event on the journal's thread. */
    public CompletableFuture<JournalResult> record(SwitchEvent e) {
        return git.submit(() -> {
            RepoLocator.Located where = locator.locate(e);
            if (where.workTree() == null) {
                LOG.info("journal: switch to {} not recorded: {}", Trailers.model(e), where.whyNot());
                return new JournalResult.Skipped(where.whyNot());
            }
            return recorder.record(where.workTree(), e, closed -> {
                if (verifier != null) verify.submit(() -> verifier.verify(where.workTree(), closed));
            });
        });
    }

    /**
     * `POST /webhook`: journals the event and answers with what was done, waiting a few seconds for it so that a
     * `git tag -l` right after sees the tag (the webhook is not on a model request's path).
     *
     * @throws WebhookIntake.InvalidEvent for a body that is not such an event
     */
    public byte[] webhook(byte[] body) {
        SwitchEvent e = WebhookIntake.parse(body, Instant.now());
        notifier.switched(e);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("model", Trailers.model(e));
        if (!settings.enabled()) {
            answer.put("status", "ignored");
            answer.put("reason", settings.describe());
            return Json.MAPPER.writeValueAsBytes(answer);
        }
        try {
            switch (record(e).get(WEBHOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                case JournalResult.Recorded r -> {
                    answer.put("status", "recorded");
                    answer.put("tag", r.tag());
                    answer.put("commit", r.commit());
                }
                case JournalResult.Skipped s -> {
                    answer.put("status", "skipped");
                    answer.put("reason", s.reason());
                }
            }
        } catch (TimeoutException slow) {
            answer.put("status", "queued");
        } catch (ExecutionException | RuntimeException failed) {
            answer.put("status", "skipped");
            answer.put("reason", "journal queue full or shutting down");
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            answer.put("status", "queued");
        }
        return Json.MAPPER.writeValueAsBytes(answer);
    }

    @Override
    public void close() {
        git.close(Duration.ofSeconds(30)); // let a commit in progress finish: an interrupted one could leave index.lock behind
        verify.close(Duration.ofSeconds(5));
        notifier.close();
    }
}
