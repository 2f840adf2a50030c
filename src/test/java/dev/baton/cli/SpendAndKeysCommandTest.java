package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.Usage;
import dev.baton.dialect.Json;
import dev.baton.keys.VirtualKeys;
import dev.baton.store.Database;
import dev.baton.store.UsageRecord;
import dev.baton.store.UsageStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `baton keys` and `baton spend` on the database a config names, run in-process as the shell would. */
class SpendAndKeysCommandTest {
    @TempDir Path dir;
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
    private final ByteArrayOutputStream out = console.out;
    private final ByteArrayOutputStream err = console.err;
    private String config;

    @BeforeEach
    void setUp() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "model_list: []\nbaton:\n  data_dir: \"" + dir + "\"\n");
        config = file.toString();
    }

    private String run(String... args) {
        out.reset();
        err.reset();
        int code = Main.run(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keysAreCreatedShownOnceListedAndRevoked() {
        String key = run("keys", "create", "--config", config, "--alias", "ci-bot", "--models", "claude-sonnet,claude-haiku",
                "--max-budget", "5", "--budget-duration", "30d", "--rpm", "10", "--tpm", "1000").strip();
        assertThat(key).startsWith(VirtualKeys.PREFIX);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("shown only this once");

        String list = run("keys", "list", "--config", config);
        assertThat(list).contains("ci-bot", "claude-sonnet,claude-haiku", "5.00/30d", "10", "1000", "active")
                .contains(key.substring(key.length() - 4)).doesNotContain(key);

        assertThat(run("keys", "revoke", "--config", config, "ci-bot")).contains("revoked");
        assertThat(run("keys", "list", "--config", config)).doesNotContain("ci-bot");
        assertThat(run("keys", "list", "--config", config, "--all")).contains("ci-bot", "revoked");
        assertThat(Main.run("keys", "revoke", "--config", config, "nobody")).isEqualTo(1);
        assertThat(Main.run("keys", "create", "--config", config, "--budget-duration", "often")).isEqualTo(2);
    }

    @Test
    void spendGroupsAndPrintsJsonAsStatsDoes() {
        String key = run("keys", "create", "--config", config, "--alias", "dev").strip();
        long now = System.currentTimeMillis();
        try (Database db = Database.open(null, dir.resolve("baton.db"))) {
            new UsageStore(db).insert(List.of(
                    rec(now - 1000, VirtualKeys.hash(key), "claude-sonnet-4-5", "anthropic", 0.25),
                    rec(now - 2000, null, "gpt-4o", "openai", 0.75),
                    rec(now - 10L * 86_400_000, null, "gpt-4o", "openai", 9.0)), null);
        }
        String table = run("spend", "--config", config, "--since", "1d");
        assertThat(table).contains("by model", "gpt-4o", "claude-sonnet-4-5", "total", "1.0000");
        assertThat(table.indexOf("gpt-4o")).isLessThan(table.indexOf("claude-sonnet-4-5")); // costliest first

        JsonNode json = Json.MAPPER.readTree(run("spend", "--config", config, "--by", "provider", "--since", "30d", "--json"));
        assertThat(json.path("by").asString()).isEqualTo("provider");
        assertThat(json.path("total_cost_usd").asDouble()).isEqualTo(10.0);
        assertThat(json.path("rows").get(0).path("name").asString()).isEqualTo("openai");

        assertThat(run("spend", "--config", config, "--by", "key")).contains("dev", "(master key / open)");
        assertThat(run("spend", "--config", config, "--key", "dev")).contains("claude-sonnet-4-5").doesNotContain("gpt-4o");
        assertThat(run("spend", "--config", config, "--by", "day", "--since", "2w")).contains(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(Main.run("spend", "--config", config, "--since", "lately")).isEqualTo(2);
    }

    @Test
    void configCheckRejectsBadUsageSettingsAndAMissingPriceTable() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "model_list: []\nbaton:\n  alerts: {hourly_cost_threshold: -1}\n");
        assertThat(Main.run("config", "check", "--config", bad.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("baton.alerts.hourly_cost_threshold");
        Files.writeString(bad, "model_list: []\nbaton:\n  pricing_file: " + dir.resolve("missing.json") + "\n");
        assertThat(Main.run("config", "check", "--config", bad.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("baton.pricing_file");
    }

    private static UsageRecord rec(long at, String keyHash, String model, String provider, double cost) {
        return new UsageRecord(at, keyHash, keyHash == null ? null : "dev", "s", "m", "g", "d", provider, model, 200, false, 1, "",
                1, null, new Usage(10, 10, 0, 0, 0), cost);
    }
}
