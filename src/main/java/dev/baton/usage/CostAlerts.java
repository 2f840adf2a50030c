package dev.baton.usage;

import dev.baton.state.StateStore;
import dev.baton.store.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hourly and daily spend thresholds (LiteLLM's `HOURLY_COST_ALERT_THRESHOLD` / `DAILY_COST_ALERT_THRESHOLD`): spend
 * is summed per clock hour and UTC day in the state store (shared between instances with Redis), and the batch that
 * crosses a threshold raises one alert for that hour or day. Runs on the usage writer's thread, after each batch.
 */
public final class CostAlerts implements Consumer<List<UsageRecord>> {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    private final StateStore state;
    private final AlertSink sink;
    private final Double hourlyUsd;
    private final Double dailyUsd;

    public CostAlerts(StateStore state, AlertSink sink, Double hourlyUsd, Double dailyUsd) {
        this.state = state;
        this.sink = sink;
        this.hourlyUsd = hourlyUsd;
        this.dailyUsd = dailyUsd;
    }

    public boolean enabled() {
        return hourlyUsd != null || dailyUsd != null;
    }

    @Override
    public void accept(List<UsageRecord> batch) {
        if (hourlyUsd != null) check(batch, HOUR_MS, "hour", hourlyUsd, Duration.ofHours(2));
        if (dailyUsd != null) check(batch, DAY_MS, "day", dailyUsd, Duration.ofDays(2));
    }

    private void check(List<UsageRecord> batch, long windowMs, String name, double thresholdUsd, Duration ttl) {
        Map<Long, Long> byWindow = new TreeMap<>();
        for (UsageRecord r : batch) {
            if (r.costUsd() > 0) byWindow.merge(r.atMs() / windowMs, Cost.nanos(r.costUsd()), Long::sum);
        }
        long threshold = Cost.nanos(thresholdUsd);
        byWindow.forEach((window, nanos) -> {
            long total = state.add("alert:" + name + ":" + window, nanos, ttl);
            if (total - nanos < threshold && total >= threshold) {
                String start = Instant.ofEpochMilli(window * windowMs).toString();
                sink.alert("Baton spend crossed $" + money(thresholdUsd) + " this " + name,
                        String.format(Locale.ROOT, "$%s spent in the %s starting %s (threshold $%s). See `baton spend --since 1%s`.",
                                money(Cost.usdOf(total)), name, start, money(thresholdUsd), name.equals("hour") ? "h" : "d"));
            }
        });
    }

    private static String money(double usd) {
        return String.format(Locale.ROOT, "%.2f", usd);
    }
}
