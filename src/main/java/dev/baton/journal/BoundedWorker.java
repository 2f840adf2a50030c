package dev.baton.journal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread with a bounded queue: git work for a repository must run one piece after another, and must never hold
 * up the switch bus (its other listeners) or a request. A full queue drops the task, counts and logs it.
 */
final class BoundedWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedWorker.class);

    private final String name;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();

    BoundedWorker(String name, int capacity) {
        this.name = name;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The task's future; failed with {@link RejectedExecutionException} when the queue is full or the worker closed. */
    <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(task.call());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException full) {
            long n = dropped.incrementAndGet();
            LOG.warn("{}: task dropped, {} ({} dropped so far)", name, executor.isShutdown() ? "shutting down" : "queue full", n);
            f.completeExceptionally(full);
        }
        return f;
    }

    long dropped() {
        return dropped.get();
    }

    /** Lets queued work finish within {@code grace}, then interrupts what is left. */
    void close(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: still busy after {} s, interrupting", name, grace.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
