package dev.baton.cli;

import dev.baton.config.ConfigException;
import dev.baton.keys.IssuedKey;
import dev.baton.keys.KeySpec;
import dev.baton.keys.VirtualKeys;
import dev.baton.state.MemoryState;
import dev.baton.store.Database;
import dev.baton.store.KeyStore;
import dev.baton.store.StoreException;
import dev.baton.store.UsageStore;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Limits;
import dev.baton.usage.Periods;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `baton keys create|list|revoke`: virtual keys, straight in the database (a running gateway sees changes within 10 s). */
@Command(name = "keys", description = "Create, list and revoke virtual keys.", mixinStandardHelpOptions = true,
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "create", description = "Make a key; it is shown once, only its SHA-256 is stored.", mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin StoreAccess.ConfigOption options;

        @Option(names = "--alias", description = "a name for the key (LiteLLM's key_alias)")
        String alias;

        @Option(names = "--models", split = ",", description = "model groups or ids it may use, comma-separated (claude-* allowed); default: all")
        List<String> models;

        @Option(names = "--max-budget", description = "budget in USD")
        Double maxBudget;

        @Option(names = "--budget-duration", description = "budget period: 1h, 1d, 7d, 30d, 1mo (default: never resets)")
        String budgetDuration;

        @Option(names = "--rpm", description = "requests per minute")
        Integer rpm;

        @Option(names = "--tpm", description = "tokens per minute")
        Integer tpm;

        @Option(names = "--duration", description = "expires after: 30d, 12h, ... (default: never)")
        String duration;

        @Override
        public Integer call() {
            try (Database db = StoreAccess.open(options.config); VirtualKeys keys = new VirtualKeys(new KeyStore(db), Clock.systemUTC())) {
                IssuedKey k = keys.create(new KeySpec(alias, models, maxBudget, budgetDuration, rpm, tpm,
                        duration == null ? null : Periods.require(duration, "--duration"), null));
                System.out.println(k.key());
                System.err.println("Key " + k.stored().keyName() + (alias == null ? "" : " (" + alias + ")")
                        + " created. It is shown only this once: Baton keeps only its SHA-256.");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (ConfigException | StoreException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", description = "List keys with their limits and spend this budget period.", mixinStandardHelpOptions = true)
    static final class ListKeys implements Callable<Integer> {
        @Mixin StoreAccess.ConfigOption options;

        @Option(names = "--all", description = "include revoked and expired keys")
        boolean all;

        @Override
        public Integer call() {
            try (Database db = StoreAccess.open(options.config); MemoryState state = new MemoryState()) {
                Limits limits = new Limits(state, new UsageStore(db), Clock.systemUTC());
                String fmt = "%-22s %-18s %-24s %12s %12s %8s %10s %s%n";
                System.out.printf(Locale.ROOT, fmt, "key", "alias", "models", "spend USD", "budget USD", "rpm", "tpm", "status");
                Instant now = Instant.now();
                for (VirtualKey k : new KeyStore(db).list()) {
                    if (!all && !k.active(now)) continue;
                    String status = k.revokedAt() != null ? "revoked" : !k.active(now) ? "expired" : "active";
                    String budget = k.maxBudget() == null ? "-" : String.format(Locale.ROOT, "%.2f", k.maxBudget())
                            + (k.budgetDuration() == null ? "" : "/" + k.budgetDuration());
                    System.out.printf(Locale.ROOT, fmt, k.keyName(), k.alias() == null ? "-" : k.alias(),
                            k.models().isEmpty() ? "all" : String.join(",", k.models()),
                            String.format(Locale.ROOT, "%.4f", limits.currentSpend(k)), budget,
                            k.rpmLimit() == null ? "-" : k.rpmLimit(), k.tpmLimit() == null ? "-" : k.tpmLimit(), status);
                }
                return 0;
            } catch (ConfigException | StoreException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a key (by its alias, the key itself, or its token).", mixinStandardHelpOptions = true)
    static final class Revoke implements Callable<Integer> {
        @Mixin StoreAccess.ConfigOption options;

        @Parameters(paramLabel = "KEY", description = "alias, key (sk-...) or token (SHA-256)")
        String key;

        @Override
        public Integer call() {
            try (Database db = StoreAccess.open(options.config)) {
                KeyStore keys = new KeyStore(db);
                Optional<VirtualKey> k = VirtualKeys.find(keys, key);
                if (k.isEmpty()) {
                    System.err.println("no key '" + key + "'");
                    return 1;
                }
                if (!keys.revoke(k.get().keyHash(), Instant.now())) {
                    System.out.println(k.get().keyName() + " was revoked already");
                    return 0;
                }
                System.out.println("revoked " + k.get().keyName() + (k.get().alias() == null ? "" : " (" + k.get().alias() + ")")
                        + "; a running gateway refuses it within 10 s");
                return 0;
            } catch (ConfigException | StoreException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }
}
