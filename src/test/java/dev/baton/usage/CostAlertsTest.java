package dev.baton.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Usage;
import dev.baton.state.MemoryState;
import dev.baton.store.UsageRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostAlertsTest {
    static UsageRecord at(long ms, double cost) {
        return new UsageRecord(ms, null, null, "s", "m", "g", "d", "p", "um", 200, false, 1, "", 1, null, Usage.ZERO, cost);
    }

    @Test
    void eachThresholdAlertsOnceWhenCrossedPerHourAndDay() {
        List<String> alerts = new ArrayList<>();
        CostAlerts a = new CostAlerts(new MemoryState(), (title, text) -> alerts.add(title + " | " + text), 1.0, 2.5);
        long hour = 3_600_000L;
        long t = 500 * 24 * hour; // midnight of some day
        a.accept(List.of(at(t, 0.6)));
        assertThat(alerts).isEmpty();
        a.accept(List.of(at(t + 1, 0.6), at(t + 2, 0.1))); // crosses $1 in hour 0
        a.accept(List.of(at(t + 3, 5.0)));                  // hour 0 again: no second alert; crosses the day's $2.50
        a.accept(List.of(at(t + hour, 1.2)));               // hour 1 crosses on its own
        assertThat(alerts).hasSize(3);
        assertThat(alerts.get(0)).startsWith("Baton spend crossed $1.00 this hour").contains("$1.30 spent");
        assertThat(alerts.get(1)).startsWith("Baton spend crossed $2.50 this day");
        assertThat(alerts.get(2)).startsWith("Baton spend crossed $1.00 this hour");
        assertThat(new CostAlerts(new MemoryState(), AlertSink.LOG, null, null).enabled()).isFalse();
    }
}
