import dev.baton.canonical.Usage;
import dev.baton.store.Database;
import dev.baton.store.UsageRecord;
import dev.baton.store.UsageStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage writer's CPU per row on SQLite: batches of 500 records like those of the bench's small row, written by
 * {@link UsageStore#insert} into a fresh file, six rounds of 20,000 rows (bench/README, "Tried since, not kept").
 *
 *   ./mvnw -q package -DskipTests
 *   java -cp target/baton.jar bench/tools/UsageWriterCost.java
 */
public class UsageWriterCost {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("usage-writer-cost");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Database db = Database.open(null, dir.resolve("baton.db"))) {
            UsageStore store = new UsageStore(db);
            store.startRun("cost", "bench", 1, System.currentTimeMillis());
            for (int round = 0; round < 6; round++) {
                List<UsageRecord> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    batch.add(new UsageRecord(System.currentTimeMillis(), null, null, "session-" + i % 7, "claude-haiku-4-5-20251001",
                            "claude-haiku", "bench-json", "anthropic", "claude-sonnet-4-5-20250929", 200, false, 1, "bench-json: ok",
                            1, null, new Usage(12, 34, 0, 0, 0), 0.0001));
                }
                long cpu = threads.getCurrentThreadCpuTime();
                for (int b = 0; b < 40; b++) store.insert(batch, "cost");
                System.out.printf("round %d: %.2f µs of CPU per row%n", round, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / 20_000);
            }
        }
    }
}
