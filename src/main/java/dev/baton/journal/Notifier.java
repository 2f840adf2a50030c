package dev.baton.journal;

import dev.baton.routing.SwitchEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers switch events and alerts to every channel, asynchronously: each delivery is an async HTTP call, retried
 * with doubling backoff on network errors, 429 and 5xx; no thread waits for it. At most {@link #MAX_IN_FLIGHT}
 * deliveries are pending; past that new ones are dropped and counted, so a dead channel cannot pile up memory.
 * Logs name channels by {@link WebhookTarget#masked()} only.
 */
public final class Notifier implements Alerts, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    static final int MAX_IN_FLIGHT = 256;
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

    private final NotifySettings settings;
    private final HttpClient http;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    public Notifier(NotifySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public boolean enabled() {
        return !settings.targets().isEmpty();
    }

    public void switched(SwitchEvent e) {
        deliver(kind -> Payloads.switched(kind, e));
    }

    @Override
    public void alert(String title, String text) {
        Instant now = Instant.now();
        deliver(kind -> Payloads.alert(kind, title, text, now));
    }

    /** Deliveries that reached a channel, that failed for good, that were dropped for a full queue. */
    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void deliver(Function<WebhookTarget.Kind, byte[]> payload) {
        if (closed) return;
        for (WebhookTarget t : settings.targets()) {
            if (!inFlight.tryAcquire()) {
                LOG.warn("notification to {} dropped: {} deliveries already pending ({} dropped so far)", t.masked(),
                        MAX_IN_FLIGHT, dropped.incrementAndGet());
                continue;
            }
            byte[] body;
            try {
                body = payload.apply(t.kind());
            } catch (RuntimeException e) {
                inFlight.release();
                LOG.warn("notification to {} not built: {}", t.masked(), e.toString());
                continue;
            }
            attempt(t, body, 0);
        }
    }

    private void attempt(WebhookTarget t, byte[] body, int tries) {
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(t.url().reveal())).timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json").header("user-agent", "baton")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (RuntimeException e) {
            finish(t, "invalid URL");
            return;
        }
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, err) -> {
            if (err == null && r.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                inFlight.release();
                return;
            }
            // the exception's text may carry the URL: only its type is logged
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            String what = cause != null ? cause.getClass().getSimpleName() : "HTTP " + r.statusCode();
            boolean retryable = err != null || r.statusCode() == 429 || r.statusCode() >= 500;
            if (!retryable || tries >= settings.retries() || closed) {
                finish(t, what + (retryable ? " after " + (tries + 1) + " tries" : ""));
                return;
            }
            Duration wait = backoff(tries, err == null ? r : null);
            LOG.debug("notification to {} failed ({}), retrying in {} ms", t.masked(), what, wait.toMillis());
            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS).execute(() -> attempt(t, body, tries + 1));
        });
    }

    private Duration backoff(int tries, HttpResponse<?> r) {
        Duration d = settings.backoff().multipliedBy(1L << Math.min(tries, 10));
        if (r != null) {
            String after = r.headers().firstValue("retry-after").orElse(null);
            if (after != null && after.strip().matches("\\d{1,6}")) {
                Duration asked = Duration.ofSeconds(Long.parseLong(after.strip()));
                if (asked.compareTo(d) > 0) d = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
            }
        }
        return d;
    }

    private void finish(WebhookTarget t, String why) {
        failed.incrementAndGet();
        inFlight.release();
        LOG.warn("notification to {} failed: {}", t.masked(), why);
    }

    @Override
    public void close() {
        closed = true;
        http.shutdown();
        try {
            http.awaitTermination(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
