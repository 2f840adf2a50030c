package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    static final String FULL = """
            model_list:
              - model_name: claude-sonnet          # group name
                litellm_params:
                  model: anthropic/claude-sonnet-4-5-20250929
                  api_base: https://api.anthropic.com
                  api_key: os.environ/ANTHROPIC_API_KEY
                  rpm: 50
                  tpm: 100000
                  timeout: 600
                  stream_timeout: 60
                  order: 1
                  mock_response: "hi"
                model_info:
                  id: primary-sonnet
                  fallback_order: 2
              - model_name: claude-sonnet
                litellm_params:
                  model: openrouter/anthropic/claude-3.5
                  api_key: passthrough
                model_info:
                  fallback_order: 2
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
                  api_key: ${OPENAI_API_KEY}
              - model_name: gemini
                litellm_params:
                  model: gemini/gemini-2.5-pro
              - model_name: gemini-long
                litellm_params:
                  model: gemini/gemini-2.5-pro
            router_settings:
              fallbacks: [{"claude-sonnet": ["gpt-4o", "gemini"]}]
              context_window_fallbacks: [{"claude-sonnet": ["gemini-long"]}]
              num_retries: 3
              cooldown_time: 30
              allowed_fails: 2
              routing_strategy: simple-shuffle
            litellm_settings:
              drop_params: True
              num_retries: 3
              request_timeout: 600
            general_settings:
              master_key: os.environ/LITELLM_MASTER_KEY
              database_url: os.environ/DATABASE_URL
            baton:
              connect_timeout: 5
              first_byte_timeout: 60
              idle_timeout: 120
              request_timeout: 600
              ping_interval: 15
              max_wait: 10
              max_body_mb: 32
              journal: {repo: auto}
            """;
    static final Map<String, String> ENV = Map.of(
            "ANTHROPIC_API_KEY", "sk-ant-SECRET-anthropic-123",
            "OPENAI_API_KEY", "sk-openai-SECRET-456",
            "LITELLM_MASTER_KEY", "sk-master-SECRET-789",
            "DATABASE_URL", "postgresql://u:dbSECRETpw@db:5432/baton");

    @TempDir
    Path dir;

    Path write(String yaml) throws IOException {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    BatonConfig load(String yaml) throws IOException {
        return ConfigLoader.load(write(yaml), Map.of());
    }

    @Test
    void parsesAFullLiteLlmExampleIntoTheRecords() throws IOException {
        Path f = write(FULL);
        BatonConfig c = ConfigLoader.load(f, ENV);

        assertThat(c.source()).isEqualTo(f);
        assertThat(c.modelList()).hasSize(5);
        Deployment d = c.modelList().get(0);
        assertThat(d.modelName()).isEqualTo("claude-sonnet");
        assertThat(d.provider()).isEqualTo("anthropic");
        assertThat(d.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(d.apiBase()).isEqualTo("https://api.anthropic.com");
        assertThat(d.apiKey().reveal()).isEqualTo("sk-ant-SECRET-anthropic-123");
        assertThat(d.rpm()).isEqualTo(50);
        assertThat(d.tpm()).isEqualTo(100000);
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(d.streamTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.order()).isEqualTo(1);
        assertThat(d.params()).containsExactly(Map.entry("mock_response", "hi"));
        assertThat(d.param("mock_response")).isEqualTo("hi");
        assertThat(d.modelInfo()).containsEntry("id", "primary-sonnet").containsEntry("fallback_order", 2L);
        assertThat(d.id()).isEqualTo("primary-sonnet");
        assertThat(d.line()).isEqualTo(2);

        Deployment openrouter = c.modelList().get(1);
        assertThat(openrouter.provider()).isEqualTo("openrouter");
        assertThat(openrouter.model()).isEqualTo("anthropic/claude-3.5");
        assertThat(openrouter.order()).isEqualTo(2);
        assertThat(openrouter.timeout()).isNull();
        assertThat(openrouter.apiBase()).isNull();
        assertThat(c.modelList().get(2).apiKey().reveal()).isEqualTo("sk-openai-SECRET-456");
        assertThat(c.modelList().get(3).order()).isEqualTo(Deployment.DEFAULT_ORDER);
        assertThat(c.modelList().get(3).apiKey()).isNull();

        RouterSettings r = c.router();
        assertThat(r.fallbacks()).containsExactly(Map.entry("claude-sonnet", List.of("gpt-4o", "gemini")));
        assertThat(r.contextWindowFallbacks()).containsExactly(Map.entry("claude-sonnet", List.of("gemini-long")));
        assertThat(r.numRetries()).isEqualTo(3);
        assertThat(r.cooldownTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.allowedFails()).isEqualTo(2);
        assertThat(r.routingStrategy()).isEqualTo("simple-shuffle");

        assertThat(c.litellm()).containsEntry("drop_params", true).containsEntry("num_retries", 3L).containsEntry("request_timeout", 600L);
        assertThat(c.general().masterKey().reveal()).isEqualTo("sk-master-SECRET-789");
        assertThat(c.general().databaseUrl()).isEqualTo("postgresql://u:dbSECRETpw@db:5432/baton");

        BatonSettings b = c.baton();
        assertThat(b.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.firstByteTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(b.requestTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(b.pingInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(b.maxWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.maxBodyMb()).isEqualTo(32);
        assertThat(b.sections()).containsExactly(Map.entry("journal", Map.of("repo", "auto")));
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void resolvesOsEnvironAndDollarBraceReferencesWithDefaults() throws IOException {
        BatonConfig c = ConfigLoader.load(write("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/${MODEL}
                      api_base: "https://${HOST}:${PORT:-8443}/v1"
                      api_key: os.environ/KEY
                      rpm: ${RPM}
                      region: ${REGION:-eu-west-1}
                      nested: {list: ["${HOST}", plain]}
                """), Map.of("MODEL", "gpt-4o", "HOST", "example.com", "KEY", "k-123456789", "RPM", "40"));
        Deployment d = c.modelList().get(0);
        assertThat(d.model()).isEqualTo("gpt-4o");
        assertThat(d.apiBase()).isEqualTo("https://example.com:8443/v1");
        assertThat(d.apiKey().reveal()).isEqualTo("k-123456789");
        assertThat(d.rpm()).isEqualTo(40);
        assertThat(d.params()).containsEntry("region", "eu-west-1")
                .containsEntry("nested", Map.of("list", List.of("example.com", "plain")));
        assertThat(d.params().get("nested")).isInstanceOf(java.util.LinkedHashMap.class);
    }

    @Test
    void missingEnvVarForApiKeyLeavesKeyUnsetWithWarningNamingTheVariable() throws IOException {
        Path f = write("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: anthropic/claude-haiku-4-5
                      api_key: os.environ/NOT_SET_KEY
                """);
        BatonConfig c = ConfigLoader.load(f, Map.of("OTHER", "sk-unrelated-SECRET"));
        assertThat(c.modelList().get(0).apiKey()).isNull();
        assertThat(c.warnings()).singleElement().asString()
                .startsWith(f + ":5: ")
                .contains("NOT_SET_KEY")
                .doesNotContain("sk-unrelated-SECRET");
    }

    @Test
    void missingEnvVarOutsideApiKeyIsAnErrorNamingVariableFileAndLine() throws IOException {
        Path f = write("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: anthropic/claude-haiku-4-5
                      api_base: ${UPSTREAM_URL}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":5: ")
                .hasMessageContaining("UPSTREAM_URL");
    }

    @ParameterizedTest
    @CsvSource({"yes,true", "no,false", "on,true", "off,false", "true,true", "false,false", "True,true", "False,false",
            "TRUE,true", "FALSE,false", "y,true", "n,false", "'\"yes\"',true"})
    void acceptsYaml11BooleansWhereABooleanIsExpected(String written, boolean expected) throws IOException {
        BatonConfig c = load("litellm_settings:\n  drop_params: " + written + "\n");
        assertThat(c.litellm()).containsEntry("drop_params", expected);
    }

    @Test
    void rejectsANonBooleanWhereABooleanIsExpected() throws IOException {
        Path f = write("litellm_settings:\n  drop_params: maybe\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageStartingWith(f + ":2: ").hasMessageContaining("drop_params");
    }

    @ParameterizedTest
    @CsvSource({"600,PT10M", "0.5,PT0.5S", "30s,PT30S", "5m,PT5M", "1h,PT1H", "500ms,PT0.5S", "'\"90s\"',PT1M30S", "1.5s,PT1.5S"})
    void readsDurationsAsSecondsOrWithUnits(String written, String expected) throws IOException {
        BatonConfig c = load("baton:\n  idle_timeout: " + written + "\n");
        assertThat(c.baton().idleTimeout()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "10 parsecs", "true"})
    void rejectsWhatIsNotADuration(String written) throws IOException {
        Path f = write("baton:\n  idle_timeout: " + written + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageStartingWith(f + ":2: ").hasMessageContaining("duration");
    }

    @Test
    void unsetValuesGetTheDefaults() throws IOException {
        BatonConfig c = load("model_list: []\n");
        assertThat(c.baton()).isEqualTo(BatonSettings.defaults());
        assertThat(c.router()).isEqualTo(RouterSettings.defaults());
        assertThat(c.general()).isEqualTo(GeneralSettings.defaults());
    }

    @Test
    void redisAndKeySettingsAsLiteLlmWritesThemWithTheEnvironmentFillingIn() throws IOException {
        Path f = write("""
                model_list: []
                router_settings:
                  redis_host: redis.internal
                  redis_port: 6380
                  redis_password: os.environ/REDIS_PASSWORD
                general_settings:
                  allow_master_key_traffic: no
                  require_auth_for_metrics_endpoint: true
                """);
        BatonConfig c = ConfigLoader.load(f, Map.of("REDIS_PASSWORD", "s3cret-redis"));
        assertThat(c.router().redis().host()).isEqualTo("redis.internal");
        assertThat(c.router().redis().port()).isEqualTo(6380);
        assertThat(c.router().redis().password().reveal()).isEqualTo("s3cret-redis");
        assertThat(c.router().redis().toString()).doesNotContain("s3cret-redis");
        assertThat(c.general().allowMasterKeyTraffic()).isFalse();
        assertThat(c.general().metricsNeedAuth()).isTrue();
        assertThat(c.warnings()).isEmpty();

        BatonConfig fromUrl = ConfigLoader.load(write("model_list: []\n"), Map.of("REDIS_URL", "redis://:p%40ss@cache:6390/2"));
        assertThat(fromUrl.router().redis()).isEqualTo(new RedisSettings("cache", 6390, fromUrl.router().redis().password(), 2, false));
        assertThat(fromUrl.router().redis().password().reveal()).isEqualTo("p@ss");
        assertThat(ConfigLoader.load(write("model_list: []\n"), Map.of()).router().redis()).isNull();
        assertThat(ConfigLoader.load(write("model_list: []\n"), Map.of()).general().allowMasterKeyTraffic()).isNull();
    }

    @Test
    void unknownKeysWarnWithLineNumbersAndDoNotFail() throws IOException {
        Path f = write("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: anthropic/claude-haiku-4-5
                      some_provider_option: 1
                    model_info:
                      anything: goes
                router_settings:
                  enable_pre_call_checks: true
                general_settings:
                  store_model_in_db: true
                litellm_settings:
                  success_callback: ["langfuse"]
                environment_variables:
                  FOO: bar
                """);
        BatonConfig c = ConfigLoader.load(f, Map.of());
        assertThat(c.modelList()).hasSize(1);
        assertThat(c.modelList().get(0).params()).containsEntry("some_provider_option", 1L);
        assertThat(c.modelList().get(0).modelInfo()).containsEntry("anything", "goes");
        assertThat(c.litellm()).containsEntry("success_callback", List.of("langfuse"));
        assertThat(c.warnings()).containsExactly(
                f + ":5: litellm_params.some_provider_option is not used by Baton; ignored",
                f + ":9: router_settings.enable_pre_call_checks is not used by Baton; ignored",
                f + ":11: general_settings.store_model_in_db is not used by Baton; ignored",
                f + ":13: litellm_settings.success_callback is not used by Baton; ignored",
                f + ":14: unknown section 'environment_variables' is not used by Baton; ignored");
    }

    @Test
    void yamlSyntaxErrorIsAConfigExceptionWithFileAndLineAndNoSnippet() throws IOException {
        Path f = write("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: anthropic/claude-haiku-4-5
                      api_key: "sk-ant-SECRET-in-file
                      rpm: 5
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching("\\Q" + f + "\\E:\\d+: YAML syntax error: .*")
                .message().doesNotContain("SECRET");

        Path g = write("model_list:\n  - model_name: m\n   bad indentation: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(g, Map.of())).hasMessageStartingWith(g + ":");
    }

    @Test
    void entryWithoutModelIsAnErrorWithFileAndLine() throws IOException {
        Path f = write("""
                model_list:
                  - model_name: ok
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: broken
                    litellm_params:
                      api_base: http://localhost
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":6: ")
                .hasMessageContaining("broken").hasMessageContaining("litellm_params.model");
    }

    @Test
    void entryWithoutModelNameOrLitellmParamsIsAnError() throws IOException {
        Path f = write("model_list:\n  - litellm_params: {model: openai/gpt-4o}\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessage(f + ":2: model_list entry has no model_name");
        Path g = write("model_list:\n  - model_name: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(g, Map.of())).hasMessageStartingWith(g + ":2: ").hasMessageContaining("litellm_params");
    }

    @Test
    void orderThatIsNotAnIntegerIsAnErrorWithFileAndLine() throws IOException {
        for (String bad : List.of("first", "1.5", "\"1\"")) {
            Path f = write("model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o\n      order: " + bad + "\n");
            assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(f + ":5: litellm_params.order: expected an integer");
        }
    }

    @Test
    void modelListThatIsNotAListIsAnError() throws IOException {
        Path f = write("\nmodel_list:\n  model_name: m\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageStartingWith(f + ":3: model_list must be a list");
    }

    @Test
    void numberWhereTextIsNeededAndTextWhereANumberIsNeededAreErrors() throws IOException {
        Path f = write("model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o\n      api_base: 8080\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageStartingWith(f + ":5: litellm_params.api_base: expected text");
        Path g = write("model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o\n      rpm: lots\n");
        assertThatThrownBy(() -> ConfigLoader.load(g, Map.of())).hasMessageStartingWith(g + ":5: litellm_params.rpm: expected an integer");
    }

    @Test
    void bareModelNamesGetAnInferredProviderWithAWarning() throws IOException {
        Path f = write("""
                model_list:
                  - model_name: a
                    litellm_params: {model: claude-sonnet-4-5}
                  - model_name: b
                    litellm_params: {model: gemini-2.5-pro}
                  - model_name: c
                    litellm_params: {model: gpt-4o}
                """);
        BatonConfig c = ConfigLoader.load(f, Map.of());
        assertThat(c.modelList()).extracting(Deployment::provider).containsExactly("anthropic", "gemini", "openai");
        assertThat(c.modelList()).extracting(Deployment::model).containsExactly("claude-sonnet-4-5", "gemini-2.5-pro", "gpt-4o");
        assertThat(c.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("no provider prefix"));
        assertThat(c.warnings().get(0)).startsWith(f + ":3: ");
    }

    @Test
    void modelWithEmptyProviderOrModelIsAnError() throws IOException {
        Path f = write("model_list:\n  - model_name: m\n    litellm_params:\n      model: anthropic/\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageStartingWith(f + ":4: ").hasMessageContaining("provider/model");
    }

    @Test
    void deploymentIdsAreMadeUnique() throws IOException {
        BatonConfig c = load("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: b
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: c
                    litellm_params: {model: openai/gpt-4o}
                  - model_name: d
                    litellm_params: {model: openai/gpt-4o-mini}
                    model_info: {id: mine}
                  - model_name: e
                    litellm_params: {model: openai/gpt-4o-mini}
                    model_info: {id: 7}
                """);
        assertThat(c.modelList()).extracting(Deployment::id)
                .containsExactly("openai/gpt-4o", "openai/gpt-4o#2", "openai/gpt-4o#3", "mine", "7");
    }

    @Test
    void passthroughApiKeyBecomesThePassthroughSecret() throws IOException {
        BatonConfig c = load("model_list:\n  - model_name: m\n    litellm_params: {model: anthropic/claude-opus-4-5, api_key: passthrough}\n");
        assertThat(c.modelList().get(0).apiKey()).isSameAs(Secret.PASSTHROUGH);
    }

    @Test
    void fallbacksListOfMapsKeepsItsOrder() throws IOException {
        BatonConfig c = load("""
                model_list:
                  - {model_name: z, litellm_params: {model: openai/a}}
                  - {model_name: a, litellm_params: {model: openai/b}}
                  - {model_name: m, litellm_params: {model: openai/c}}
                router_settings:
                  fallbacks:
                    - z: [m, a]
                    - a: [z]
                    - m: z
                """);
        assertThat(c.router().fallbacks()).containsExactly(
                Map.entry("z", List.of("m", "a")), Map.entry("a", List.of("z")), Map.entry("m", List.of("z")));
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void fallbacksNamingAnUnknownGroupWarn() throws IOException {
        Path f = write("""
                model_list:
                  - {model_name: a, litellm_params: {model: openai/b}}
                router_settings:
                  fallbacks: [{"a": ["nope"]}]
                """);
        BatonConfig c = ConfigLoader.load(f, Map.of());
        assertThat(c.router().fallbacks()).containsEntry("a", List.of("nope"));
        assertThat(c.warnings()).containsExactly(f + ":4: fallbacks: 'nope' is not a model_name in model_list");
    }

    @Test
    void malformedFallbacksAreAnError() throws IOException {
        for (String bad : List.of("[a, b]", "[{a: {b: c}}]", "42")) {
            Path f = write("router_settings:\n  fallbacks: " + bad + "\n");
            assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(f + ":2: fallbacks must be a list of one-key maps");
        }
    }

    @Test
    void routerSettingsWinOverLitellmSettingsAndBatonRequestTimeoutOverLitellm() throws IOException {
        BatonConfig both = load("router_settings: {num_retries: 5}\nlitellm_settings: {num_retries: 1, request_timeout: 90}\n");
        assertThat(both.router().numRetries()).isEqualTo(5);
        assertThat(both.baton().requestTimeout()).isEqualTo(Duration.ofSeconds(90));
        BatonConfig litellmOnly = load("litellm_settings: {num_retries: 1}\nbaton: {request_timeout: 5m}\n");
        assertThat(litellmOnly.router().numRetries()).isEqualTo(1);
        assertThat(litellmOnly.baton().requestTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void masterKeyAndDatabaseUrlFallBackToTheEnvironment() throws IOException {
        Path f = write("model_list: []\n");
        assertThat(ConfigLoader.load(f, Map.of("BATON_MASTER_KEY", "b-key-123456", "LITELLM_MASTER_KEY", "l-key-123456")).general().masterKey().reveal())
                .isEqualTo("b-key-123456");
        assertThat(ConfigLoader.load(f, Map.of("LITELLM_MASTER_KEY", "l-key-123456")).general().masterKey().reveal()).isEqualTo("l-key-123456");
        assertThat(ConfigLoader.load(f, Map.of("DATABASE_URL", "sqlite:x")).general().databaseUrl()).isEqualTo("sqlite:x");
        Path g = write("general_settings: {master_key: sk-from-file-1}\n");
        assertThat(ConfigLoader.load(g, Map.of("BATON_MASTER_KEY", "b-key-123456")).general().masterKey().reveal()).isEqualTo("sk-from-file-1");
    }

    @Test
    void emptyFileGivesAnEmptyConfigWithAWarning() throws IOException {
        Path f = write("# nothing yet\n");
        BatonConfig c = ConfigLoader.load(f, Map.of());
        assertThat(c.modelList()).isEmpty();
        assertThat(c.warnings()).singleElement().asString().startsWith(f.toString()).contains("empty");
    }

    @Test
    void mergeKeysAndAnchorsWorkAsInPyYaml() throws IOException {
        BatonConfig c = load("""
                x-common: &common
                  api_base: https://proxy.example
                  timeout: 30
                model_list:
                  - model_name: m
                    litellm_params:
                      <<: *common
                      model: openai/gpt-4o
                      timeout: 60
                """);
        Deployment d = c.modelList().get(0);
        assertThat(d.apiBase()).isEqualTo("https://proxy.example");
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void secretsNeverAppearInWarningsErrorsOrTheSummary() throws IOException {
        String secret = "sk-ant-TOPSECRET-value-0123456789";
        Map<String, String> env = Map.of("ANTHROPIC_API_KEY", secret, "LITELLM_MASTER_KEY", secret,
                "DATABASE_URL", "postgresql://u:" + secret + "@db/x", "OPENAI_API_KEY", secret);
        assertThatThrownBy(() -> ConfigLoader.load(write(FULL + "  bogus_section_key: os.environ/ANTHROPIC_API_KEY\n"), env))
                .message().contains("baton.bogus_section_key").doesNotContain(secret);
        BatonConfig c = ConfigLoader.load(write(FULL + "litellm_settings_typo: os.environ/ANTHROPIC_API_KEY\n"), env);
        assertThat(c.modelList().get(0).apiKey().reveal()).isEqualTo(secret);
        assertThat(String.join("\n", c.warnings())).doesNotContain(secret);
        assertThat(ConfigSummary.describe(c)).doesNotContain(secret).doesNotContain("TOPSECRET");

        // A secret from the environment used where a number is expected: the error must not echo it.
        Path f = write("model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o\n      rpm: ${ANTHROPIC_API_KEY}\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, env)).message().doesNotContain(secret).contains(f + ":5:");
        // A key written as a bare number must not be echoed either.
        Path g = write("model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: 918273645546\n");
        assertThatThrownBy(() -> ConfigLoader.load(g, env)).message().doesNotContain("918273645546");
        Path h = write("general_settings:\n  master_key: 918273645546\n");
        assertThatThrownBy(() -> ConfigLoader.load(h, env)).message().doesNotContain("918273645546").startsWith(h + ":2:");
    }
}
