package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.RedisServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With Redis gone, a key's limits cannot be checked: its requests wait (503, retry-after); unlimited traffic goes on. */
class StateOutageTest extends TwoFakes {
    static final String MASTER = "sk-master-outage-5";

    @Test
    void limitedKeysGet503WhileRedisIsDownAndOtherTrafficIsServed() throws Exception {
        RedisServer redis = RedisServer.startOwn();
        try (TestGateway gw = TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary).masterKey(MASTER)
                .router("redis_host", "127.0.0.1").router("redis_port", Integer.toString(redis.port()))
                .router("redis_password", RedisServer.PASSWORD).start()) {
            String key = Wire.json(gw.post("/key/generate", "{\"rpm_limit\":100}", "x-api-key", MASTER).body()).path("key").asString();
            assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", key).statusCode()).isEqualTo(200);

            redis.close();
            HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true), "x-api-key", key);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("retry-after")).hasValue("5");
            assertThat(Wire.errorMessage(r)).contains("cannot check this key's limits").doesNotContain(RedisServer.PASSWORD);
            assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", MASTER).statusCode()).isEqualTo(200);
            // sessions Redis was to share (a first sighting: a lookup, then a move to publish) are served all the same
            for (int i = 0; i < 3; i++) {
                assertThat(gw.post("/v1/messages", Wire.message("claude-sonnet", i == 1), "x-api-key", MASTER,
                        "x-claude-code-session-id", "outage-" + i).statusCode()).isEqualTo(200);
            }
        } finally {
            redis.close();
        }
    }
}
