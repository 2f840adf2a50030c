package dev.baton.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * How many usage records this process accepted into the writer's queue, kept where a `kill -9` cannot erase it: a
 * small memory-mapped file. Counting is a single atomic add on mapped memory (no system call, nothing on the hot
 * path); the kernel keeps the page when the process dies and writes it out. The database counts what each run wrote,
 * in the same transaction as the records, so at the next start {@code accepted - written} is exactly what a crash
 * lost: the records that were still queued.
 *
 * <p>Each running instance locks one slot file (`usage-writer-0.state`, `-1`, ...) in the data folder, so instances
 * sharing a folder never share a slot; a slot whose lock is free belonged to a process that is gone.
 */
final class WriterJournal implements AutoCloseable {
    private static final long MAGIC = 0x4261746f6e555731L; // "BatonUW1"
    private static final int MAGIC_AT = 0;
    private static final int RUN_HIGH_AT = 8;
    private static final int RUN_LOW_AT = 16;
    private static final int ACCEPTED_AT = 24;
    private static final int WRITTEN_AT = 32;
    private static final int CLEAN_AT = 40;
    private static final int PID_AT = 48;
    private static final int STARTED_AT = 56;
    private static final int SIZE = 64;
    private static final int MAX_SLOTS = 64;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** A run that ended without closing its journal: it crashed or was killed. */
    record Unclean(String runId, long accepted, long writtenByJournal, long pid, long startedAtMs) {
    }

    private final FileChannel channel;
    private final FileLock lock;
    private final MappedByteBuffer map;
    private final String runId;
    private final Unclean previous;
    private final Path file;

    private WriterJournal(Path file, FileChannel channel, FileLock lock, MappedByteBuffer map, String runId, Unclean previous) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.map = map;
        this.runId = runId;
        this.previous = previous;
    }

    /** Claims a free slot in {@code dir}, reads what its last run left, and starts a new run in it. */
    static WriterJournal open(Path dir, long pid, long nowMs) {
        try {
            Files.createDirectories(dir);
            for (int slot = 0; slot < MAX_SLOTS; slot++) {
                Path file = dir.resolve("usage-writer-" + slot + ".state");
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException sameProcess) {
                    lock = null;
                }
                if (lock == null) {
                    ch.close();
                    continue;
                }
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
                map.order(ByteOrder.nativeOrder()); // the same order as the atomic adds below
                Unclean previous = readUnclean(map);
                UUID run = UUID.randomUUID();
                map.putLong(MAGIC_AT, 0); // invalid while being rewritten
                map.putLong(RUN_HIGH_AT, run.getMostSignificantBits());
                map.putLong(RUN_LOW_AT, run.getLeastSignificantBits());
                map.putLong(ACCEPTED_AT, 0);
                map.putLong(WRITTEN_AT, 0);
                map.putLong(CLEAN_AT, 0);
                map.putLong(PID_AT, pid);
                map.putLong(STARTED_AT, nowMs);
                map.putLong(MAGIC_AT, MAGIC);
                return new WriterJournal(file, ch, lock, map, run.toString(), previous);
            }
            throw new IllegalStateException("more than " + MAX_SLOTS + " Baton instances use " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage writer's journal in " + dir, e);
        }
    }

    private static Unclean readUnclean(MappedByteBuffer map) {
        if (map.getLong(MAGIC_AT) != MAGIC || map.getLong(CLEAN_AT) != 0) return null;
        String run = new UUID(map.getLong(RUN_HIGH_AT), map.getLong(RUN_LOW_AT)).toString();
        return new Unclean(run, map.getLong(ACCEPTED_AT), map.getLong(WRITTEN_AT), map.getLong(PID_AT), map.getLong(STARTED_AT));
    }

    String runId() {
        return runId;
    }

    /** The run that used this slot before and did not end cleanly, or null. */
    Unclean previous() {
        return previous;
    }

    Path file() {
        return file;
    }

    /** One more record accepted into the queue (called before it is queued, so a crash in between counts it lost). */
    void accepted() {
        LONGS.getAndAdd(map, ACCEPTED_AT, 1L);
    }

    /** A record that was counted but not queued after all (the queue was full: a drop, reported as such). */
    void unaccepted() {
        LONGS.getAndAdd(map, ACCEPTED_AT, -1L);
    }

    void written(long n) {
        LONGS.getAndAdd(map, WRITTEN_AT, n);
    }

    long acceptedSoFar() {
        return (long) LONGS.getVolatile(map, ACCEPTED_AT);
    }

    /** The run ended with everything written: nothing to report at the next start. */
    void markClean() {
        map.putLong(CLEAN_AT, 1);
        map.force();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending
        }
    }
}
