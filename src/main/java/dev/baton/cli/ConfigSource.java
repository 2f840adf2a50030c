package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.config.DefaultConfig;
import dev.baton.config.OllamaProbe;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command's config comes from: `--config`, else `BATON_CONFIG`, else the zero-config default. */
final class ConfigSource {
    private ConfigSource() {
    }

    static BatonConfig load(Path file) {
        Path path = file;
        if (path == null && System.getenv("BATON_CONFIG") != null) path = Path.of(System.getenv("BATON_CONFIG"));
        if (path != null) {
            if (!Files.isRegularFile(path)) throw new dev.baton.config.ConfigException(path + ": no such config file");
            return ConfigLoader.load(path, System.getenv());
        }
        return DefaultConfig.fromEnvironment(System.getenv(), OllamaProbe.firstModel());
    }
}
