package dev.baton.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.canonical.Usage;
import dev.baton.state.MemoryState;
import dev.baton.store.Database;
import dev.baton.store.UsageRecord;
import dev.baton.store.UsageStore;
import dev.baton.store.VirtualKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-02-15T10:20:30Z");

    @TempDir Path dir;
    Database db;
    UsageStore usage;
    Limits limits;

    @BeforeEach
    void open() {
        db = Database.open(null, dir.resolve("baton.db"));
        usage = new UsageStore(db);
        limits = new Limits(new MemoryState(), usage, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static VirtualKey key(List<String> models, Double budget, String duration, Integer rpm, Integer tpm) {
        return new VirtualKey("h-" + models + budget + duration + rpm + tpm, "sk-baton-...abcd", "k", models, budget, duration, rpm, tpm,
                CREATED, null, null);
    }

    @Test
    void budgetPeriodsStartAtCreationPlusWholeDurations() {
        VirtualKey k = key(List.of(), 1.0, "30d", null, null);
        // 45 days after creation: the second 30-day period, started on day 30
        assertThat(Instant.ofEpochMilli(limits.periodStart(k))).isEqualTo(CREATED.plus(Duration.ofDays(30)));
        assertThat(Instant.ofEpochMilli(limits.periodEnd(k))).isEqualTo(CREATED.plus(Duration.ofDays(60)));
        VirtualKey forever = key(List.of(), 1.0, null, null, null);
        assertThat(limits.periodStart(forever)).isEqualTo(CREATED.toEpochMilli());
        assertThat(limits.periodEnd(forever)).isNull();
    }

    @Test
    void spendOfTheCurrentPeriodAlreadyInTheDatabaseCounts() {
        VirtualKey k = key(List.of(), 1.0, "30d", null, null);
        long inPeriod = CREATED.plus(Duration.ofDays(31)).toEpochMilli();
        long before = CREATED.plus(Duration.ofDays(2)).toEpochMilli();
        usage.insert(List.of(rec(k, inPeriod, 0.9), rec(k, before, 50.0)), null);
        assertThat(limits.currentSpend(k)).isEqualTo(0.9);
        // $0.9 spent, $0.2 would overshoot $1
        assertThatThrownBy(() -> limits.admit(k, List.of("m"), 0, () -> Cost.nanos(0.2)))
                .isInstanceOfSatisfying(LimitExceeded.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.kind()).isEqualTo(LimitExceeded.Kind.BUDGET);
                    assertThat(e.getMessage()).contains("Current cost: 0.900000, Max budget: 1.0");
                });
        Limits.Reservation fits = limits.admit(k, List.of("m"), 0, () -> Cost.nanos(0.05));
        fits.settle(0.01, Usage.ZERO);
        fits.settle(5.0, Usage.ZERO); // settling twice changes nothing
        assertThat(limits.admit(k, List.of("m"), 0, () -> Cost.nanos(0.08))).isNotNull();
    }

    @Test
    void modelPatternsAndTokensPerMinute() {
        assertThat(Limits.matches("claude-*", "claude-opus-4-5")).isTrue();
        assertThat(Limits.matches("*-haiku", "claude-haiku")).isTrue();
        assertThat(Limits.matches("claude-sonnet", "claude-sonnet-4-5")).isFalse();
        VirtualKey k = key(List.of("claude-*"), null, null, null, 100);
        assertThatThrownBy(() -> limits.admit(k, List.of("gpt-4o", "openai"), 10, () -> 0))
                .isInstanceOfSatisfying(LimitExceeded.class, e -> assertThat(e.status()).isEqualTo(403));
        Limits.Reservation big = limits.admit(k, List.of("x", "claude-sonnet"), 150, () -> 0); // under the limit when it came
        assertThatThrownBy(() -> limits.admit(k, List.of("claude-sonnet"), 1, () -> 0))
                .isInstanceOfSatisfying(LimitExceeded.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.headers()).containsEntry("retry-after", "30"); // 10:20:30 → the next minute
                });
        big.settle(0, new Usage(20, 10, 0, 0, 0)); // it used 30, not 150
        assertThat(limits.admit(k, List.of("claude-sonnet"), 1, () -> 0)).isNotNull();
    }

    private static UsageRecord rec(VirtualKey k, long at, double cost) {
        return new UsageRecord(at, k.keyHash(), k.alias(), "s", "m", "g", "d", "p", "um", 200, false, 1, "", 1, null, Usage.ZERO, cost);
    }
}
