package dev.baton.cli;

import dev.baton.catalog.ModelCatalog;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigSummary;
import dev.baton.journal.Journal;
import dev.baton.provider.Upstreams;
import dev.baton.routing.GroupResolver;
import dev.baton.routing.RouteRules;
import dev.baton.routing.RouteRulesReader;
import dev.baton.usage.UsageSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `baton config check`: validates a config and prints each model group's resolved chain. */
@Command(name = "config", description = "Work with Baton's config file.", subcommands = ConfigCommand.Check.class,
        mixinStandardHelpOptions = true)
final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "check", description = "Validate the config and print each model group's chain of deployments.",
            mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, description = "config file (LiteLLM config.yaml format); default: BATON_CONFIG, else the zero-config default")
        Path config;

        @Override
        public Integer call() {
            BatonConfig c;
            RouteRules rules;
            try {
                c = ConfigSource.load(config);
                c.modelList().forEach(d -> Upstreams.forDeployment(d, null));
                Journal.validate(c.baton(), System.getenv());
                UsageSettings usage = UsageSettings.from(c, System.getenv()); // data_dir, alerts, usage: ...
                ModelCatalog.load(usage.pricingFile());
                ConfigSource.requireModels(c);
                rules = RouteRulesReader.read(c.baton().sections(), new GroupResolver(c.modelList(), c.router().modelGroupAlias()));
            } catch (ConfigException | Upstreams.UnsupportedProviderException | IllegalArgumentException e) {
                System.err.println("config error: " + e.getMessage());
                return 1;
            }
            new GroupResolver(c.modelList()); // the same grouping the gateway uses
            System.out.print(ConfigSummary.describe(c));
            System.out.print(rules.describe());
            System.out.println("config OK");
            return 0;
        }
    }
}
