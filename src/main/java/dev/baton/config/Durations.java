package dev.baton.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Config durations: a number of seconds (`600`, `0.5`) or a number with a unit (`500ms`, `30s`, `5m`, `1h`). */
public final class Durations {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /** Parses text; empty if it is not a duration (negative values are not durations either). */
    public static Optional<Duration> parse(String text) {
        Matcher m = WITH_UNIT.matcher(text.trim());
        if (!m.matches()) return Optional.empty();
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long nanosPerUnit = switch (unit) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        return Optional.of(Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue()));
    }

    public static Optional<Duration> ofSeconds(Number seconds) {
        if (seconds.doubleValue() < 0 || Double.isNaN(seconds.doubleValue()) || Double.isInfinite(seconds.doubleValue())) {
            return Optional.empty();
        }
        if (seconds instanceof Long || seconds instanceof Integer) return Optional.of(Duration.ofSeconds(seconds.longValue()));
        return Optional.of(Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9)));
    }

    /** Renders `30s`, `5m`, `1h`, `500ms` for summaries. */
    public static String format(Duration d) {
        if (d == null) return "-";
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
