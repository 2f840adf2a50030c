package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.store.Database;
import dev.baton.usage.UsageSettings;
import java.nio.file.Path;

/** The database a config points at, for commands that read or change it while a gateway may be running. */
final class StoreAccess {
    private StoreAccess() {
    }

    static Database open(Path config) {
        // a report or a key on stdout, problems on stderr: not the store's start-up chatter
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        BatonConfig c = ConfigSource.load(config);
        UsageSettings s = UsageSettings.from(c, System.getenv());
        return Database.open(s.databaseUrl(), s.databasePath());
    }
}
