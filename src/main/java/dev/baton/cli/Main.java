package dev.baton.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `baton`: the gateway and its tools. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton 0.1.0",
        description = "LLM gateway for coding agents: routes, falls back, translates, keeps an account.",
        subcommands = {ServeCommand.class, DemoCommand.class, ConfigCommand.class, ReviewCommand.class, SpendCommand.class,
                KeysCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
