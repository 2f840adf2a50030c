package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.baton.canonical.Usage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store engine must do; {@link StoreSqliteTest} and {@link StorePostgresTest} run it on a real engine each. */
abstract class StoreContract {
    Database db;
    UsageStore usage;
    KeyStore keys;

    abstract Database open();

    @BeforeEach
    void openStore() {
        db = open();
        usage = new UsageStore(db);
        keys = new KeyStore(db);
    }

    @AfterEach
    void closeStore() {
        db.close();
    }

    static UsageRecord record(long atMs, String key, String session, String model, String provider, Usage u, double cost) {
        return new UsageRecord(atMs, key, key == null ? null : "alias-" + key, session, "claude-sonnet", "claude-sonnet",
                provider + "-dep", provider, model, 200, true, 1, provider + "-dep: ok", 120, 40L, u, cost);
    }

    @Test
    void batchesAreWrittenWithEveryFieldAndCountedForTheirRun() {
        usage.startRun("run-1", "host", 42, 1000);
        Usage u = new Usage(10, 20, 30, 40, 50);
        usage.insert(List.of(record(5_000, "k1", "s1", "claude-sonnet-4-5", "anthropic", u, 0.25),
                record(6_000, null, "s2", "gpt-4o", "openai", Usage.ZERO, 0)), "run-1");

        assertThat(usage.count()).isEqualTo(2);
        assertThat(usage.written("run-1")).hasValue(2);
        assertThat(usage.written("no-such-run")).isEmpty();
        UsageRecord newest = usage.latest(1).get(0);
        assertThat(newest.upstreamModel()).isEqualTo("gpt-4o");
        UsageRecord first = usage.latest(2).get(1);
        assertThat(first).isEqualTo(record(5_000, "k1", "s1", "claude-sonnet-4-5", "anthropic", u, 0.25));
    }

    @Test
    void aBatchLargerThanOneSliceIsWrittenWhole() {
        usage.startRun("run-2", "host", 42, 1000);
        List<UsageRecord> batch = IntStream.range(0, 77)
                .mapToObj(i -> record(i, "k" + i, "s", "m", "p", Usage.ZERO, i)).toList();
        usage.insert(batch, "run-2");

        assertThat(usage.count()).isEqualTo(77);
        assertThat(usage.written("run-2")).hasValue(77);
        assertThat(usage.latest(77)).containsExactlyInAnyOrderElementsOf(batch);
    }

    @Test
    void aBatchThatFailsInALaterSliceLeavesNothingBehind() {
        usage.startRun("run-3", "host", 42, 1000);
        List<UsageRecord> batch = new ArrayList<>(IntStream.range(0, 70)
                .mapToObj(i -> record(i, "k", "s", "m", "p", Usage.ZERO, 0)).toList());
        // requested_model is NOT NULL: row 66 fails after several of SQLite's slices were inserted
        batch.set(66, new UsageRecord(66, null, null, null, null, null, null, null, null, 200, false, 0, "", 1, null, Usage.ZERO, 0));

        assertThatThrownBy(() -> usage.insert(batch, "run-3")).isInstanceOf(StoreException.class);
        assertThat(usage.count()).isZero();
        assertThat(usage.written("run-3")).hasValue(0);
    }

    @Test
    void recordWithoutTimeToFirstTokenKeepsItNull() {
        UsageRecord r = new UsageRecord(1, null, null, null, "m", null, null, null, null, 429, false, 0, "", 3, null, Usage.ZERO, 0);
        usage.insert(List.of(r), null);
        assertThat(usage.latest(1).get(0)).isEqualTo(r);
    }

    @Test
    void spendGroupsByModelProviderKeySessionAndDaySince() {
        long day = 86_400_000L;
        usage.insert(List.of(
                record(10 * day + 1, "k1", "s1", "claude-sonnet-4-5", "anthropic", new Usage(100, 10, 0, 0, 0), 1.0),
                record(10 * day + 2, "k1", "s2", "claude-sonnet-4-5", "anthropic", new Usage(100, 10, 5, 7, 0), 2.0),
                record(11 * day + 3, "k2", "s1", "gpt-4o", "openai", new Usage(1, 1, 0, 0, 0), 0.5),
                record(9 * day, "k2", "s9", "gpt-4o", "openai", Usage.ZERO, 100.0)), null);

        List<SpendRow> byModel = usage.spend(SpendGrouping.MODEL, 10 * day, null);
        assertThat(byModel).extracting(SpendRow::name).containsExactly("claude-sonnet-4-5", "gpt-4o");
        assertThat(byModel.get(0).requests()).isEqualTo(2);
        assertThat(byModel.get(0).inputTokens()).isEqualTo(200);
        assertThat(byModel.get(0).cacheReadTokens()).isEqualTo(5);
        assertThat(byModel.get(0).cacheWriteTokens()).isEqualTo(7);
        assertThat(byModel.get(0).costUsd()).isCloseTo(3.0, within(1e-9));

        assertThat(usage.spend(SpendGrouping.PROVIDER, 10 * day, null)).extracting(SpendRow::name).containsExactly("anthropic", "openai");
        assertThat(usage.spend(SpendGrouping.KEY, 0, null)).extracting(SpendRow::name).containsExactly("k2", "k1");
        assertThat(usage.spend(SpendGrouping.SESSION, 10 * day, "k1")).extracting(SpendRow::name).containsExactly("s2", "s1");
        assertThat(usage.spend(SpendGrouping.DAY, 0, null)).extracting(SpendRow::name).containsExactly("11", "10", "9");
        assertThat(usage.costSince("k1", 0)).isCloseTo(3.0, within(1e-9));
        assertThat(usage.costSince("k1", 10 * day + 2)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void spendOverTimeSumsEachHourPerModelOldestFirst() {
        long hour = 3_600_000L;
        usage.insert(List.of(
                record(5 * hour + 1, "k1", "s1", "claude-sonnet-4-5", "anthropic", Usage.ZERO, 1.0),
                record(5 * hour + 2, "k1", "s1", "claude-sonnet-4-5", "anthropic", Usage.ZERO, 2.0),
                record(5 * hour + 3, "k2", "s2", "gpt-4o", "openai", Usage.ZERO, 0.5),
                record(7 * hour, "k2", "s2", "gpt-4o", "openai", Usage.ZERO, 4.0),
                record(4 * hour, "k2", "s2", "gpt-4o", "openai", Usage.ZERO, 100.0)), null);

        List<SpendPoint> byModel = usage.spendOverTime(SpendGrouping.MODEL, hour, 5 * hour);
        assertThat(byModel).extracting(SpendPoint::bucketStartMs, SpendPoint::name, SpendPoint::requests).containsExactly(
                tuple(5 * hour, "claude-sonnet-4-5", 2L), tuple(5 * hour, "gpt-4o", 1L), tuple(7 * hour, "gpt-4o", 1L));
        assertThat(byModel.get(0).costUsd()).isCloseTo(3.0, within(1e-9));
        assertThat(usage.spendOverTime(SpendGrouping.PROVIDER, 24 * hour, 0)).extracting(SpendPoint::name, SpendPoint::costUsd)
                .containsExactly(tuple("anthropic", 3.0), tuple("openai", 104.5));
        assertThat(usage.spendOverTime(SpendGrouping.SESSION, hour, 6 * hour)).extracting(SpendPoint::name).containsExactly("s2");
    }

    @Test
    void recentRecordsAreFilteredByModelDeploymentKeySessionErrorsAndFallbacks() {
        UsageRecord fallback = new UsageRecord(3_000, "k1", "ci-bot", "s1", "claude-sonnet-4-5-20250929", "claude-sonnet", "secondary",
                "anthropic", "claude-sonnet-4-5", 200, true, 2, "primary: rate limited (429) > secondary: ok", 300, 90L, Usage.ZERO, 0.1);
        UsageRecord failed = new UsageRecord(2_000, null, null, "s2", "gpt-4o", "gpt", null, null, null, 503, false, 1,
                "openai: server error (503)", 30, null, Usage.ZERO, 0);
        UsageRecord plain = record(1_000, "k2", "s1", "claude-sonnet-4-5", "anthropic", Usage.ZERO, 0.2);
        usage.insert(List.of(plain, failed, fallback), null);

        assertThat(usage.recent(UsageFilter.NONE, 10)).containsExactly(fallback, failed, plain);
        assertThat(usage.recent(UsageFilter.NONE, 1)).containsExactly(fallback);
        assertThat(usage.recent(filter("claude-sonnet", null, null, null, false, false, 0), 10)).containsExactly(fallback, plain);
        assertThat(usage.recent(filter("claude-sonnet-4-5-20250929", null, null, null, false, false, 0), 10)).containsExactly(fallback);
        assertThat(usage.recent(filter(null, "secondary", null, null, false, false, 0), 10)).containsExactly(fallback);
        assertThat(usage.recent(filter(null, null, "ci-bot", null, false, false, 0), 10)).containsExactly(fallback);
        assertThat(usage.recent(filter(null, null, null, "s1", false, false, 0), 10)).containsExactly(fallback, plain);
        assertThat(usage.recent(filter(null, null, null, null, true, false, 0), 10)).containsExactly(failed);
        assertThat(usage.recent(filter(null, null, null, null, false, true, 0), 10)).containsExactly(fallback);
        assertThat(usage.recent(filter(null, null, null, "s1", false, false, 2_000), 10)).containsExactly(fallback);
        assertThat(usage.recent(filter("gpt-4o", null, null, "s1", false, false, 0), 10)).isEmpty();
    }

    private static UsageFilter filter(String model, String deployment, String alias, String session, boolean errors, boolean fallbacks, long since) {
        return new UsageFilter(model, deployment, alias, session, errors, fallbacks, since);
    }

    @Test
    void writerRunsRecordEndAndLoss() {
        usage.startRun("run-2", "h", 1, 1);
        usage.markLost("run-2", 3);
        usage.endRun("run-2", 2);
        assertThat(usage.written("run-2")).hasValue(0);
    }

    @Test
    void keysAreStoredFoundListedAndRevoked() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        VirtualKey k = new VirtualKey("hash-1", "sk-baton-...abcd", "ci", List.of("claude-sonnet", "claude-*"), 10.0, "30d", 60, 100_000,
                now, now.plusSeconds(3600), null);
        VirtualKey bare = new VirtualKey("hash-2", "sk-...wxyz", null, List.of(), null, null, null, null, now.plusMillis(1), null, null);
        keys.insert(k);
        keys.insert(bare);

        assertThat(keys.find("hash-1")).hasValue(k);
        assertThat(keys.find("hash-2")).hasValue(bare);
        assertThat(keys.find("nope")).isEmpty();
        assertThat(keys.findByAlias("ci")).containsExactly(k);
        assertThat(keys.list()).containsExactly(k, bare);

        assertThat(keys.revoke("hash-1", now)).isTrue();
        assertThat(keys.revoke("hash-1", now)).isFalse();
        assertThat(keys.find("hash-1").orElseThrow().active(now)).isFalse();
        assertThat(keys.find("hash-2").orElseThrow().active(now)).isTrue();
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        usage.insert(List.of(record(1, null, "s", "m", "p", Usage.ZERO, 1)), null);
        Database again = reopen();
        try {
            assertThat(new UsageStore(again).count()).isEqualTo(1);
        } finally {
            again.close();
        }
    }

    /**
     * A store that has every migration opens without Flyway, which takes most of a second to start: shown by a history
     * whose checksum Flyway would refuse ("Migration checksum mismatch") opening all the same.
     */
    @Test
    void aStoreWithEveryMigrationOpensWithoutFlyway() throws Exception {
        try (var c = db.connection(); var s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE baton_schema_history SET checksum = 12345 WHERE version = '1'")).isEqualTo(1);
        }
        Database again = reopen();
        try {
            assertThat(new UsageStore(again).count()).isZero();
        } finally {
            again.close();
        }
    }

    abstract Database reopen();
}
