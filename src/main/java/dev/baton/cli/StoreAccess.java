package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.store.Database;
import dev.baton.usage.UsageSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The database a config points at, for commands that read or change it while a gateway may be running. */
final class StoreAccess {
    private StoreAccess() {
    }

    /** The `--config` of the commands that open the store (`baton keys ...`, `baton spend`). */
    static final class ConfigOption {
        @Option(names = {"-c", "--config"}, description = "config file (for baton.data_dir / database_path / general_settings.database_url); "
                + "default: BATON_CONFIG, else the zero-config default")
        Path config;
    }

    static Database open(Path config) {
        // a report or a key on stdout, problems on stderr: not the store's start-up chatter
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        BatonConfig c = ConfigSource.settings(config);
        UsageSettings s = UsageSettings.from(c, System.getenv());
        return Database.open(s.databaseUrl(), s.databasePath());
    }
}
