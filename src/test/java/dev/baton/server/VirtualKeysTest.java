package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.keys.VirtualKeys;
import dev.baton.store.UsageRecord;
import dev.baton.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Virtual keys over LiteLLM's routes, as traffic credentials, and the master key's traffic (LiteLLM's default, or forbidden). */
class VirtualKeysTest extends PrimaryAndSecondary {
    static final String MASTER = "sk-master-test-4f2a9c";

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.masterKey(MASTER).deployment("claude-haiku", "haiku", "mock/claude-haiku-4-5", null, null);
    }

    JsonNode generate(String body) {
        HttpResponse<String> r = gw.post("/key/generate", body, "authorization", "Bearer " + MASTER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r.body());
    }

    @Test
    void generateAnswersInLiteLlmsShapeAndStoresOnlyTheHash() {
        JsonNode k = generate("""
                {"key_alias":"ci-bot","models":["claude-sonnet"],"max_budget":25.5,"budget_duration":"30d",
                 "rpm_limit":100,"tpm_limit":200000,"duration":"90d","metadata":{"team":"x"}}""");
        String key = k.path("key").asString();
        assertThat(key).startsWith("sk-baton-").hasSize(49);
        assertThat(k.path("token").asString()).isEqualTo(VirtualKeys.hash(key));
        assertThat(k.path("key_name").asString()).startsWith("sk-baton-...").endsWith(key.substring(key.length() - 4));
        assertThat(k.path("key_alias").asString()).isEqualTo("ci-bot");
        assertThat(k.path("models").get(0).asString()).isEqualTo("claude-sonnet");
        assertThat(k.path("max_budget").asDouble()).isEqualTo(25.5);
        assertThat(k.path("budget_duration").asString()).isEqualTo("30d");
        assertThat(k.path("budget_reset_at").asString()).isNotEmpty();
        assertThat(k.path("rpm_limit").asInt()).isEqualTo(100);
        assertThat(k.path("tpm_limit").asInt()).isEqualTo(200000);
        assertThat(k.path("expires").asString()).isNotEmpty();
        assertThat(k.path("spend").asDouble()).isZero();

        JsonNode info = Wire.json(gw.get("/key/info?key=" + key, "x-api-key", MASTER).body());
        assertThat(info.path("info").path("key_alias").asString()).isEqualTo("ci-bot");
        assertThat(info.toString()).doesNotContain(key);
        assertThat(Wire.json(gw.get("/key/list", "x-api-key", MASTER).body()).path("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void aVirtualKeyCarriesTrafficInEachHeaderAndIsRecordedWithIt() {
        String key = generate("{\"key_alias\":\"dev\"}").path("key").asString();
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", key).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", true), "authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-baton-key", key, "x-api-key", "sk-ant-own").statusCode())
                .isEqualTo(200);
        // a virtual key is Baton's: it never reaches the upstream
        assertThat(primary.takeRequest().header("x-api-key")).isEqualTo("sk-test-primary");

        List<UsageRecord> rs = gw.records(3);
        assertThat(rs).allSatisfy(r -> {
            assertThat(r.keyHash()).isEqualTo(VirtualKeys.hash(key));
            assertThat(r.keyAlias()).isEqualTo("dev");
        });
        // a key reads its own info, but not another's
        assertThat(gw.get("/key/info", "x-api-key", key).statusCode()).isEqualTo(200);
        assertThat(Wire.json(gw.get("/key/info", "x-api-key", key).body()).path("info").path("spend").asDouble()).isPositive();
        String other = generate("{}").path("key").asString();
        assertThat(gw.get("/key/info?key=" + other, "x-api-key", key).statusCode()).isEqualTo(403);
        // and it cannot manage keys
        assertThat(gw.post("/key/generate", "{}", "x-api-key", key).statusCode()).isEqualTo(401);
        // its own stats only
        assertThat(Wire.json(gw.get("/stats?by=key", "x-api-key", key).body()).path("rows").get(0).path("name").asString()).isEqualTo("dev");
    }

    @Test
    void emptyGenerateBodyMakesAKeyAndTheMasterKeyKeepsCarryingTrafficRecordedAsMaster() {
        String key = generate("").path("key").asString(); // LiteLLM makes a key from an empty body too
        assertThat(key).startsWith("sk-baton-");
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/chat/completions", "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + MASTER).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/messages/count_tokens", "{\"model\":\"claude-sonnet\",\"messages\":[]}", "x-api-key", MASTER).statusCode())
                .isEqualTo(200);
        assertThat(gw.records(2)).allSatisfy(r -> {
            assertThat(r.keyHash()).isEqualTo(UsageRecord.MASTER_KEY).isNotEqualTo(VirtualKeys.hash(MASTER));
            assertThat(r.keyAlias()).isEqualTo("master");
        });
        HttpResponse<String> deleted = gw.post("/key/delete", "{\"keys\":[\"" + key + "\"]}", "x-api-key", MASTER);
        assertThat(Wire.json(deleted.body()).path("deleted_keys").get(0).asString()).isEqualTo(VirtualKeys.hash(key));
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", key).statusCode()).isEqualTo(401);
        assertThat(gw.post("/key/delete", "{\"keys\":[\"sk-nope-000000000000000000\"]}", "x-api-key", MASTER).statusCode()).isEqualTo(404);
    }

    @Test
    void allowMasterKeyTrafficFalseKeepsTheMasterKeyToAdministration() throws Exception {
        try (TestGateway strict = TestGateway.builder(java.nio.file.Files.createDirectories(dir.resolve("strict"))).mock("claude-sonnet", "mock").masterKey(MASTER)
                .general("allow_master_key_traffic", "false").start()) {
            HttpResponse<String> refused = strict.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(Wire.errorType(refused)).isEqualTo("permission_error");
            assertThat(Wire.errorMessage(refused)).contains("allow_master_key_traffic: false");
            assertThat(strict.post("/v1/messages/count_tokens", "{\"model\":\"claude-sonnet\",\"messages\":[]}", "x-api-key", MASTER)
                    .statusCode()).isEqualTo(403);
            String key = Wire.json(strict.post("/key/generate", "{}", "x-api-key", MASTER).body()).path("key").asString();
            assertThat(strict.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", key).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void modelAllowListRefusesOtherGroupsWith403() {
        String key = generate("{\"models\":[\"claude-son*\"]}").path("key").asString();
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet-4-5-20250929", false), "x-api-key", key).statusCode()).isEqualTo(200);
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-haiku", true), "x-api-key", key);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Wire.errorMessage(r)).contains("may not use model 'claude-haiku'");
    }

    @Test
    void rpmLimitAnswers429WithRetryAfterOnStreamsAndNot() {
        String key = generate("{\"rpm_limit\":2}").path("key").asString();
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", key).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", true), "x-api-key", key).statusCode()).isEqualTo(200);
        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true), "x-api-key", key);
        if (r.statusCode() == 200) return; // the minute turned over between the requests: nothing to say
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Wire.errorType(r)).isEqualTo("rate_limit_error");
        assertThat(r.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(gw.get("/metrics").body()).contains("baton_key_limit_refusals_total{limit=\"rpm\"} 1.0");
    }

    /** Issue 11: a 40-digit rpm_limit was a 500; `"models":"x"` and `"models":[5]` were accepted. */
    @Test
    void everyKeyGenerateFieldIsCheckedForItsTypeAndRangeWithA400NamingIt() {
        String[][] cases = {
            {"rpm_limit", "1234567890123456789012345678901234567890"}, {"tpm_limit", "1234567890123456789012345678901234567890"},
            {"rpm_limit", "-1"}, {"rpm_limit", "1.5"}, {"tpm_limit", "\"100\""}, {"models", "\"x\""}, {"models", "[5]"},
            {"models", "[\"\"]"}, {"models", "{}"}, {"max_budget", "\"lots\""}, {"max_budget", "-1"}, {"max_budget", "1e400"},
            {"key_alias", "5"}, {"key_alias", "\"\""}, {"key_alias", "\"" + "a".repeat(300) + "\""}, {"budget_duration", "30"},
            {"budget_duration", "\"99999999999d\""}, {"duration", "\"9999999d\""}, {"duration", "[]"}, {"key", "5"},
            {"key", "\"sk-has spaces in it 1234567\""}, {"key", "\"sk-ant-api03-00000000000000\""},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = gw.post("/key/generate", "{\"" + c[0] + "\":" + c[1] + "}", "x-api-key", MASTER);
            assertThat(r.statusCode()).as(c[0] + " = " + c[1] + " -> " + r.body()).isEqualTo(400);
            assertThat(Wire.errorType(r)).isEqualTo("invalid_request_error");
            assertThat(Wire.errorMessage(r)).as(c[0] + " = " + c[1]).startsWith(c[0]);
        }
        assertThat(Wire.json(gw.get("/key/list", "x-api-key", MASTER).body()).path("total_count").asInt()).as("no key was made").isZero();
        for (String body : new String[] {"{\"keys\":\"sk-x\"}", "{\"keys\":[5]}", "{\"key_aliases\":[{}]}", "{\"key_aliases\":[\"\"]}", "{}", "[]"}) {
            HttpResponse<String> r = gw.post("/key/delete", body, "x-api-key", MASTER);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        }
        RawHttp.Response malformed = RawHttp.exchange(gw.server.port(), "GET", "/key/info?key=%zz", java.util.Map.of("x-api-key", MASTER),
                new byte[0], java.time.Duration.ofSeconds(10)); // a target the JDK's client refuses to send
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.body()).contains("percent-encoding");
    }

    /** Issue 11: /key/info answered 404 for a missing key and 403 for another's, so aliases could be enumerated. */
    @Test
    void aVirtualKeyAskingAboutAnotherKeyGetsThe403WhetherThatKeyExistsOrNot() {
        String mine = generate("{\"key_alias\":\"mine\"}").path("key").asString();
        String other = generate("{\"key_alias\":\"theirs\"}").path("key").asString();
        HttpResponse<String> existing = gw.get("/key/info?key=theirs", "x-api-key", mine);
        HttpResponse<String> missing = gw.get("/key/info?key=nobody", "x-api-key", mine);
        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo(existing.body());
        assertThat(gw.get("/key/info?key=" + other, "x-api-key", mine).body()).isEqualTo(existing.body());
        assertThat(gw.get("/key/info?key=" + VirtualKeys.hash(other), "x-api-key", mine).body()).isEqualTo(existing.body());
        for (String own : new String[] {"mine", mine, VirtualKeys.hash(mine)}) { // its own, named any way
            assertThat(gw.get("/key/info?key=" + own, "x-api-key", mine).statusCode()).as(own).isEqualTo(200);
        }
        assertThat(gw.get("/key/info?key=nobody", "x-api-key", MASTER).statusCode()).as("the master key may look anything up").isEqualTo(404);
    }

    @Test
    void managingKeysNeedsTheMasterKey() {
        assertThat(gw.post("/key/generate", "{}").statusCode()).isEqualTo(401);
        assertThat(gw.post("/key/generate", "{\"budget_duration\":\"soon\"}", "x-api-key", MASTER).statusCode()).isEqualTo(400);
        assertThat(gw.post("/key/generate", "{\"max_budget\":\"lots\"}", "x-api-key", MASTER).statusCode()).isEqualTo(400);
    }
}
