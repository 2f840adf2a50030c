package dev.baton.cli;

import dev.baton.catalog.ModelCatalog;
import dev.baton.catalog.ModelsReport;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.dialect.Json;
import dev.baton.usage.UsageSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `baton models`: what the model catalog answers for each configured deployment, and where each figure came from. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Show each deployment's model as Baton sees it: context window, output limit, prices per million tokens, "
                + "capabilities, and where each came from (catalog, pricing_file, model_info, litellm_params, a family default).")
final class ModelsCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "config file (LiteLLM config.yaml format); default: BATON_CONFIG, else the zero-config default")
    Path config;

    @Option(names = "--json", description = "print JSON, with every capability and the source of every value")
    boolean json;

    @Override
    public Integer call() {
        // the table on stdout, problems on stderr: not the catalog's log lines
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        ModelsReport report;
        try {
            BatonConfig c = ConfigSource.load(config);
            UsageSettings usage = UsageSettings.from(c, System.getenv()); // baton.pricing_file
            report = ModelsReport.of(c.modelList(), ModelCatalog.load(usage.pricingFile()));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("config error: " + e.getMessage());
            return 1;
        }
        System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()) + "\n" : report.table());
        return 0;
    }
}
