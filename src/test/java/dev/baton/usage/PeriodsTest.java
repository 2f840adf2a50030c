package dev.baton.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeriodsTest {
    @Test
    void liteLlmPeriods() {
        assertThat(Periods.parse("30s")).hasValue(Duration.ofSeconds(30));
        assertThat(Periods.parse("15m")).hasValue(Duration.ofMinutes(15));
        assertThat(Periods.parse("24h")).hasValue(Duration.ofHours(24));
        assertThat(Periods.parse("7d")).hasValue(Duration.ofDays(7));
        assertThat(Periods.parse("2w")).hasValue(Duration.ofDays(14));
        assertThat(Periods.parse("1mo")).hasValue(Duration.ofDays(30));
        assertThat(Periods.parse("0d")).isEmpty();
        assertThat(Periods.parse("soon")).isEmpty();
        assertThatThrownBy(() -> Periods.require("x", "--since")).hasMessageStartingWith("--since:");
    }

    /** Found by the fuzz suite: `99999999999999d` overflowed Duration and dates into a 500. */
    @Test
    void countsPastAMillionOfAUnitAreRefusedInsteadOfOverflowing() {
        assertThat(Periods.parse("1000000mo")).hasValue(Duration.ofDays(30_000_000));
        assertThat(Periods.parse("1000001d")).isEmpty();
        assertThat(Periods.parse("99999999999999d")).isEmpty();
        assertThat(Periods.parse("99999999999999999999999d")).isEmpty();
        assertThatThrownBy(() -> Periods.require("99999999999999d", "duration")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duration:");
    }
}
