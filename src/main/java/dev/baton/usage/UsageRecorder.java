package dev.baton.usage;

import dev.baton.store.UsageRecord;
import dev.baton.store.UsageStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes usage records off the request path: {@link #record} only offers to a bounded queue; one thread writes
 * batches (up to `batch_size` records, or what arrived within `flush_interval`). A full queue drops the record,
 * counted and logged, never silently. {@link #close} writes what is still queued. A crash loses at most the queued
 * records, and the next start reports how many ({@link #lostInPreviousRuns}), thanks to the {@link WriterJournal}.
 */
public final class UsageRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    private static final int WRITE_ATTEMPTS = 3;
    private static final long GATHER_NAP_NANOS = 20_000_000L;

    private final UsageStore store;
    private final WriterJournal journal;
    private final BlockingQueue<UsageRecord> queue;
    private final int batchSize;
    private final Duration flushInterval;
    private final List<Consumer<List<UsageRecord>>> afterWrite = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    /** Accepted and not yet written or dropped: the queue plus the batch being gathered. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private final long lostInPreviousRuns;
    private final Thread writer;
    private volatile boolean closing;
    private volatile long lastDropLog;

    /**
     * @param dataDir where the crash journal lives (next to the SQLite file by default)
     */
    public UsageRecorder(UsageStore store, Path dataDir, int capacity, int batchSize, Duration flushInterval) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        long pid = ProcessHandle.current().pid();
        this.journal = WriterJournal.open(dataDir, pid, System.currentTimeMillis());
        this.lostInPreviousRuns = reportPreviousRun(journal.previous());
        store.startRun(journal.runId(), hostName(), pid, System.currentTimeMillis());
        this.writer = Thread.ofPlatform().name("baton-usage-writer").daemon().start(this::run);
    }

    /** Queues a record for writing; false (and counted as dropped) when the queue is full. Never blocks. */
    public boolean record(UsageRecord r) {
        journal.accepted();
        pending.incrementAndGet();
        if (!closing && queue.offer(r)) return true;
        pending.decrementAndGet();
        journal.unaccepted();
        long n = dropped.incrementAndGet();
        long now = System.currentTimeMillis();
        if (now - lastDropLog > 10_000) { // one line per ten seconds, with the running count
            lastDropLog = now;
            LOG.warn("usage writer is behind: queue of {} full, {} record(s) dropped so far (baton_usage_dropped_total)",
                    queue.remainingCapacity() + queue.size(), n);
        }
        return false;
    }

    /** Called on the writer thread after each batch is committed (cost alerts). */
    public void afterWrite(Consumer<List<UsageRecord>> listener) {
        afterWrite.add(listener);
    }

    /** Records accepted and not yet written: what a crash right now would lose. */
    public int queueDepth() {
        return pending.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    /** Records a crashed earlier run accepted but never wrote, as counted at this start (0 after a clean stop). */
    public long lostInPreviousRuns() {
        return lostInPreviousRuns;
    }

    private long reportPreviousRun(WriterJournal.Unclean previous) {
        if (previous == null) return 0;
        long writtenByDb;
        try {
            writtenByDb = store.written(previous.runId()).orElse(previous.writtenByJournal());
        } catch (RuntimeException e) {
            writtenByDb = previous.writtenByJournal();
        }
        long lost = Math.max(0, previous.accepted() - writtenByDb);
        try {
            store.markLost(previous.runId(), lost);
        } catch (RuntimeException e) {
            LOG.debug("cannot mark the previous run's loss: {}", e.getMessage());
        }
        if (lost > 0) {
            LOG.warn("usage: the previous run (pid {}, started {}) ended without a clean shutdown; {} usage record(s) it had "
                    + "accepted were never written and are lost", previous.pid(), java.time.Instant.ofEpochMilli(previous.startedAtMs()), lost);
        } else {
            LOG.info("usage: the previous run (pid {}) ended without a clean shutdown, but every record it accepted was written", previous.pid());
        }
        return lost;
    }

    private void run() {
        List<UsageRecord> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            try {
                UsageRecord first = queue.poll(200, TimeUnit.MILLISECONDS); // idle: the first record wakes the writer
                if (first == null) continue;
                batch.add(first);
                gather(batch);
                write(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills the batch until it is full or the flush interval is over. It sleeps rather than waits on the queue: a
     * writer waiting on the queue would be woken by every record, one context switch per request under load.
     */
    private void gather(List<UsageRecord> batch) throws InterruptedException {
        long deadline = System.nanoTime() + flushInterval.toNanos();
        while (true) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || left <= 0 || closing) return;
            // short naps, so a full batch or a shutdown does not wait out the whole interval
            Thread.sleep(Duration.ofNanos(Math.min(left, GATHER_NAP_NANOS)));
        }
    }

    private void write(List<UsageRecord> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.insert(batch, journal.runId());
                journal.written(batch.size());
                written.addAndGet(batch.size());
                pending.addAndGet(-batch.size());
                break;
            } catch (RuntimeException e) {
                if (attempt >= WRITE_ATTEMPTS) {
                    for (int i = 0; i < batch.size(); i++) journal.unaccepted();
                    pending.addAndGet(-batch.size());
                    long n = dropped.addAndGet(batch.size());
                    LOG.error("usage: {} record(s) dropped after {} failed writes ({} dropped so far): {}", batch.size(), attempt, n, e.getMessage());
                    return;
                }
                LOG.warn("usage: writing {} record(s) failed, retrying: {}", batch.size(), e.getMessage());
                sleep(250L * attempt);
            }
        }
        List<UsageRecord> done = List.copyOf(batch); // the batch list is reused for the next one
        for (Consumer<List<UsageRecord>> l : afterWrite) {
            try {
                l.accept(done);
            } catch (RuntimeException e) {
                LOG.warn("usage listener failed: {}", e.toString());
            }
        }
    }

    /** Stops accepting, writes what is queued (waiting up to {@code timeout}), and marks the run clean. */
    public void close(Duration timeout) {
        closing = true; // the writer sees it within 200 ms, writes what is queued and ends
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.closeWriter();
        if (writer.isAlive()) {
            LOG.warn("usage: {} record(s) not written at shutdown", queue.size());
        } else {
            journal.markClean();
            try {
                store.endRun(journal.runId(), System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.debug("cannot record the end of the run: {}", e.getMessage());
            }
        }
        journal.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
