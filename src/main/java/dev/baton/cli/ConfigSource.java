package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigLoader;
import dev.baton.config.DefaultConfig;
import dev.baton.config.OllamaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a command's config comes from: `--config`, else `BATON_CONFIG`, else the zero-config default. */
final class ConfigSource {
    private ConfigSource() {
    }

    static BatonConfig load(Path file) {
        return load(file, true);
    }

    /**
     * For the commands that only open the store (`spend`, `keys`, `review`): the same config, but the zero-config
     * default does not ask a local Ollama for its models, which they never use (a third of `baton spend`'s time).
     */
    static BatonConfig settings(Path file) {
        return load(file, false);
    }

    private static BatonConfig load(Path file, boolean models) {
        Path path = file;
        if (path == null && System.getenv("BATON_CONFIG") != null) path = Path.of(System.getenv("BATON_CONFIG"));
        if (path != null) {
            if (!Files.isRegularFile(path)) throw new ConfigException(path + ": no such config file");
            return ConfigLoader.load(path, System.getenv());
        }
        return DefaultConfig.fromEnvironment(System.getenv(), models ? OllamaProbe.firstModel() : Optional.empty());
    }

    /**
     * For `config check` and `serve`: a config without models would start a gateway that answers every request with
     * an error, so it is refused. (The other commands only read the store and the journal settings and take it.)
     */
    static void requireModels(BatonConfig c) {
        if (!c.modelList().isEmpty()) return;
        throw new ConfigException((c.source() == null ? "the config" : c.source()) + ": no models: model_list has no entries, so "
                + "every request would fail; add at least one (see docs/configuration.md), or run without --config for the "
                + "zero-config default");
    }
}
