package dev.baton.cli;

import dev.baton.config.ConfigException;
import dev.baton.dialect.Json;
import dev.baton.store.Database;
import dev.baton.store.KeyStore;
import dev.baton.store.SpendGrouping;
import dev.baton.store.StoreException;
import dev.baton.store.UsageStore;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Periods;
import dev.baton.usage.SpendReport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `baton spend`: what was spent, from the usage records. */
@Command(name = "spend", description = "Show what requests cost, grouped by model, provider, key, session or day.",
        mixinStandardHelpOptions = true)
final class SpendCommand implements Callable<Integer> {
    @Mixin StoreAccess.ConfigOption options;

    @Option(names = "--by", defaultValue = "model", description = "model, provider, key, session or day (default ${DEFAULT-VALUE})")
    SpendGrouping by;

    @Option(names = "--since", defaultValue = "7d", description = "how far back: 30m, 24h, 7d, 2w, 1mo (default ${DEFAULT-VALUE})")
    String since;

    @Option(names = "--key", description = "only this virtual key (its alias, key or token)")
    String key;

    @Option(names = "--json", description = "print JSON (the shape of GET /stats)")
    boolean json;

    @Override
    public Integer call() {
        Duration window;
        try {
            window = Periods.require(since, "--since");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try (Database db = StoreAccess.open(options.config)) {
            KeyStore keys = new KeyStore(db);
            Map<String, String> labels = new HashMap<>();
            for (VirtualKey k : keys.list()) labels.put(k.keyHash(), k.label());
            String onlyKey = null;
            if (key != null) {
                onlyKey = dev.baton.keys.VirtualKeys.find(keys, key).map(VirtualKey::keyHash).orElse(null);
                if (onlyKey == null) {
                    System.err.println("no key '" + key + "'");
                    return 1;
                }
            }
            SpendReport report = SpendReport.query(new UsageStore(db), by, window, onlyKey, labels, Instant.now());
            System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()) + "\n" : report.table());
            return 0;
        } catch (ConfigException | StoreException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
