package dev.baton.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.canonical.Usage;
import dev.baton.store.Database;
import dev.baton.store.UsageRecord;
import dev.baton.store.UsageStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRecorderTest {
    @TempDir Path dir;
    Database db;
    UsageStore store;

    @BeforeEach
    void open() {
        db = Database.open(null, dir.resolve("baton.db"));
        store = new UsageStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static UsageRecord record(double cost) {
        return new UsageRecord(System.currentTimeMillis(), null, null, "s", "m", "g", "d", "p", "um", 200, false, 1, "d: ok", 5, null,
                Usage.ZERO, cost);
    }

    @Test
    void writesInBatchesAndFlushesWhatIsQueuedOnClose() {
        UsageRecorder r = new UsageRecorder(store, dir, 100, 10, Duration.ofMinutes(1));
        List<List<UsageRecord>> batches = new ArrayList<>();
        r.afterWrite(batches::add);
        for (int i = 0; i < 25; i++) assertThat(r.record(record(0))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.count() == 20); // two full batches; five wait for the minute
        assertThat(r.queueDepth()).isEqualTo(5);
        r.close();
        assertThat(store.count()).isEqualTo(25);
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(r.written()).isEqualTo(25);
    }

    @Test
    void aFullQueueDropsCountsAndNeverBlocks() {
        UsageRecorder r = new UsageRecorder(store, dir, 2, 1000, Duration.ofMinutes(1));
        int accepted = 0;
        for (int i = 0; i < 50; i++) if (r.record(record(0))) accepted++;
        assertThat(accepted).isLessThan(50);
        assertThat(r.dropped()).isEqualTo(50 - accepted);
        r.close();
        assertThat(store.count()).isEqualTo(accepted);
        // drops are reported as drops, not as a crash's losses
        UsageRecorder next = new UsageRecorder(store, dir, 2, 10, Duration.ofMillis(10));
        assertThat(next.lostInPreviousRuns()).isZero();
        next.close();
    }

    @Test
    void instancesSharingADataFolderKeepSeparateJournals() {
        UsageRecorder a = new UsageRecorder(store, dir, 10, 10, Duration.ofMillis(10));
        UsageRecorder b = new UsageRecorder(store, dir, 10, 10, Duration.ofMillis(10));
        a.record(record(0));
        b.record(record(0));
        a.close();
        b.close();
        assertThat(store.count()).isEqualTo(2);
        assertThat(dir.resolve("usage-writer-0.state")).exists();
        assertThat(dir.resolve("usage-writer-1.state")).exists();
    }

    @Test
    void aDatabaseThatKeepsFailingDropsTheBatchAfterRetriesAndSaysSo() {
        UsageRecorder r = new UsageRecorder(store, dir, 10, 10, Duration.ofMillis(10));
        db.close(); // SQLite reopens files per connection, so break the table instead
        try (var c = Database.open(null, dir.resolve("baton.db")).connection(); var s = c.createStatement()) {
            s.execute("ALTER TABLE usage_records RENAME TO usage_records_gone");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        r.record(record(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> r.dropped() == 1);
        r.close();
    }
}
