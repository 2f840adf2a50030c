package dev.baton.usage;

import dev.baton.catalog.Numbers;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.Durations;
import dev.baton.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the usage side reads from the config's `baton:` section (and the environment):
 *
 * <pre>
 * baton:
 *   data_dir: ~/.baton              # SQLite file and the usage writer's crash journal
 *   database_path: ~/.baton/baton.db
 *   pricing_file: prices.json       # LiteLLM's model_prices_and_context_window.json format
 *   alerts: {hourly_cost_threshold: 5, daily_cost_threshold: 50}   # else HOURLY_/DAILY_COST_ALERT_THRESHOLD
 *   usage: {queue_size: 10000, batch_size: 500, flush_interval: 500ms}
 * </pre>
 */
public record UsageSettings(Path dataDir, Path databasePath, Secret database, Path pricingFile, Double hourlyAlertUsd,
                            Double dailyAlertUsd, int queueSize, int batchSize, Duration flushInterval) {

    /** PostgreSQL's URL, or null for the SQLite file; resolved only here, by the commands that open the store. */
    public String databaseUrl() {
        return database == null ? null : database.reveal();
    }

    public static UsageSettings from(BatonConfig config, Map<String, String> env) {
        Map<String, Object> s = config.baton().sections();
        String home = System.getProperty("user.home");
        Path dataDir = path(s.get("data_dir"), home).orElse(Path.of(home, ".baton"));
        Path db = path(s.get("database_path"), home).orElse(dataDir.resolve("baton.db"));
        Path pricing = path(s.get("pricing_file"), home).orElse(null);
        Map<String, Object> alerts = map(s.get("alerts"), "baton.alerts");
        Double hourly = money(alerts.get("hourly_cost_threshold"), "baton.alerts.hourly_cost_threshold");
        if (hourly == null) hourly = money(env.get("HOURLY_COST_ALERT_THRESHOLD"), "HOURLY_COST_ALERT_THRESHOLD");
        Double daily = money(alerts.get("daily_cost_threshold"), "baton.alerts.daily_cost_threshold");
        if (daily == null) daily = money(env.get("DAILY_COST_ALERT_THRESHOLD"), "DAILY_COST_ALERT_THRESHOLD");
        Map<String, Object> usage = map(s.get("usage"), "baton.usage");
        return new UsageSettings(dataDir, db, config.general().database(), pricing, hourly, daily,
                positive(usage.get("queue_size"), 10_000, "baton.usage.queue_size"),
                positive(usage.get("batch_size"), 500, "baton.usage.batch_size"),
                duration(usage.get("flush_interval"), Duration.ofMillis(500), "baton.usage.flush_interval"));
    }

    private static java.util.Optional<Path> path(Object v, String home) {
        if (v == null || String.valueOf(v).isBlank()) return java.util.Optional.empty();
        String p = String.valueOf(v).strip();
        if (p.equals("~") || p.startsWith("~/")) p = home + p.substring(1);
        return java.util.Optional.of(Path.of(p));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String what) {
        if (v == null) return Map.of();
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new ConfigException(what + " must be a mapping");
    }

    private static Double money(Object v, String what) {
        if (v == null || String.valueOf(v).isBlank()) return null;
        Double d = Numbers.decimal(v);
        if (d == null || d <= 0) throw new ConfigException(what + ": expected a positive amount in USD");
        return d;
    }

    private static int positive(Object v, int fallback, String what) {
        if (v == null) return fallback;
        Integer i = Numbers.whole(v);
        if (i == null || i <= 0) throw new ConfigException(what + ": expected a positive integer");
        return i;
    }

    private static Duration duration(Object v, Duration fallback, String what) {
        if (v == null) return fallback;
        var d = v instanceof Number n ? Durations.ofSeconds(n) : Durations.parse(String.valueOf(v));
        return d.filter(x -> !x.isZero()).orElseThrow(() -> new ConfigException(what + ": expected a duration such as 500ms or 2s"));
    }
}
