package dev.baton.usage;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's period notation, for `budget_duration` and `--since`: `30s`, `15m`, `24h`, `7d`, `2w`, `1mo` (30 days).
 */
public final class Periods {
    /** At most a million of a unit (82,000 years of months): longer periods overflow dates and mean nothing. */
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,7})\\s*(s|m|h|d|w|mo)");
    private static final long MAX_COUNT = 1_000_000;

    private Periods() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = PERIOD.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        long n = Long.parseLong(m.group(1));
        if (n <= 0 || n > MAX_COUNT) return Optional.empty();
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(30 * n);
        });
    }

    public static Duration require(String text, String what) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(what + ": expected a period such as 30m, 24h, 7d, 2w or 1mo (at most 1000000 of a unit), got '" + text + "'"));
    }
}
