package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets whose environment variable is not exported do not fail the load: they stay unresolved, with a warning, and
 * only what uses them ({@link Secret#reveal()}) fails, naming file, line and variable.
 */
class LazySecretTest {
    private static final String CONFIG = """
            model_list:
              - model_name: m
                litellm_params:
                  model: mock/m
            router_settings:
              redis_host: 127.0.0.1
              redis_password: os.environ/REDIS_PW
            general_settings:
              master_key: os.environ/BATON_MASTER_KEY
              database_url: os.environ/DATABASE_URL
            """;

    @TempDir
    Path dir;

    @Test
    void unexportedMasterKeyDatabaseAndRedisPasswordLoadUnresolvedWithWarnings() throws IOException {
        Path f = Files.writeString(dir.resolve("config.yaml"), CONFIG);
        BatonConfig c = ConfigLoader.load(f, Map.of());

        Secret master = c.general().masterKey();
        assertThat(master.isResolved()).isFalse();
        assertThat(master.matches("")).isFalse();
        assertThat(master.matches("anything")).isFalse();
        assertThatThrownBy(master::reveal).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":9: general_settings.master_key: environment variable BATON_MASTER_KEY is not set");
        assertThatThrownBy(() -> c.general().databaseUrl()).hasMessageStartingWith(f + ":10: ").hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> c.router().redis().password().reveal()).hasMessageStartingWith(f + ":7: ").hasMessageContaining("REDIS_PW");
        assertThat(c.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("is not set").contains("baton serve"));

        String summary = ConfigSummary.describe(c);
        assertThat(summary).contains("Master key: from BATON_MASTER_KEY, which is not set")
                .contains("Database: PostgreSQL from DATABASE_URL, which is not set")
                .contains("(password from REDIS_PW, which is not set)");
    }

    @Test
    void exportedSecretsResolveAsBefore() throws IOException {
        Path f = Files.writeString(dir.resolve("config.yaml"), CONFIG);
        BatonConfig c = ConfigLoader.load(f, Map.of("BATON_MASTER_KEY", "sk-master-123456", "DATABASE_URL", "postgresql://db/x",
                "REDIS_PW", "redis-pass-1"));
        assertThat(c.general().masterKey().matches("sk-master-123456")).isTrue();
        assertThat(c.general().databaseUrl()).isEqualTo("postgresql://db/x");
        assertThat(c.router().redis().password().reveal()).isEqualTo("redis-pass-1");
        assertThat(c.warnings()).isEmpty();
    }
}
