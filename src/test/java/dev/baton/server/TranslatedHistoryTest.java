package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.FakeOpenAi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A session's later turns, translated for OpenAI-compatible vendors, are encoded from the memos (the earlier messages'
 * Chat Completions form is made once and shared): each vendor's rules (tool-call ids, reasoning, the assistant turn
 * Mistral needs after tool results) apply to copies, so every turn goes out as the first did, whichever vendors the
 * session's turns went to in between.
 */
class TranslatedHistoryTest {
    private static final String BIG = "Mind the [brackets], {braces}, \\\"quotes\\\" and caf\\u00e9.\\n".repeat(12);
    private static final String TURN = """
            {"model":"%2$s","max_tokens":32000,"system":[{"type":"text","text":"You are Claude Code.\\n%1$s"}],
             "tools":[{"name":"Read","description":"%1$s","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}],
             "messages":[{"role":"user","content":"Fix it"},
               {"role":"assistant","content":[{"type":"thinking","thinking":"%1$s","signature":"EqQBCkgIAxgC"},
                 {"type":"text","text":"%1$s"},{"type":"tool_use","id":"toolu_01A","name":"Read","input":{"path":"a.java"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"%1$s"},
                 {"type":"text","text":"%1$s"}]},
               {"role":"assistant","content":[{"type":"text","text":"%1$s"}]},
               {"role":"user","content":"and now?"}]}""";

    @TempDir Path dir;
    private final Map<String, FakeOpenAi> vendors = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        vendors.values().forEach(FakeOpenAi::close);
    }

    private FakeOpenAi vendor(String name, FakeOpenAi.Profile profile) {
        FakeOpenAi fake = FakeOpenAi.start(name);
        fake.profile(profile);
        fake.replyText("ok");
        vendors.put(name, fake);
        return fake;
    }

    @Test
    void everyTurnGoesToEachVendorAsTheFirstDid() throws Exception {
        FakeOpenAi openai = vendor("openai", FakeOpenAi.Profile.OPENAI);
        FakeOpenAi deepseek = vendor("deepseek", FakeOpenAi.Profile.DEEPSEEK_THINKING);
        FakeOpenAi mistral = vendor("mistral", FakeOpenAi.Profile.MISTRAL);
        FakeOpenAi openrouter = vendor("openrouter", FakeOpenAi.Profile.OPENROUTER);
        try (TestGateway gw = TestGateway.builder(dir)
                .deployment("to-openai", "openai", "openai/gpt-4.1", openai.baseUrl() + "/v1", "sk-o")
                .deployment("to-deepseek", "deepseek", "deepseek/deepseek-v4-flash", deepseek.baseUrl() + "/v1", "sk-d")
                .deployment("to-mistral", "mistral", "mistral/devstral-medium-latest", mistral.baseUrl() + "/v1", "sk-m")
                .deployment("to-openrouter", "openrouter", "openrouter/anthropic/claude-sonnet-4.5", openrouter.baseUrl() + "/v1", "sk-r")
                .start()) {
            Map<String, JsonNode> first = new LinkedHashMap<>();
            for (int round = 0; round < 4; round++) { // kept at the second sighting, shared from the third
                for (Map.Entry<String, FakeOpenAi> v : vendors.entrySet()) {
                    HttpResponse<String> r = gw.post("/v1/messages", TURN.formatted(BIG, "to-" + v.getKey()));
                    assertThat(r.statusCode()).as("%s, round %d: %s", v.getKey(), round, r.body()).isEqualTo(200);
                    JsonNode sent = v.getValue().takeRequest().json();
                    JsonNode before = first.putIfAbsent(v.getKey(), sent);
                    if (before != null) {
                        for (String field : new String[] {"messages", "tools", "tool_choice"}) {
                            assertThat(sent.get(field)).as("%s, round %d: %s", v.getKey(), round, field).isEqualTo(before.get(field));
                        }
                    }
                }
            }
            // each vendor got its own form of the same history
            assertThat(first.get("openai").at("/messages/2/tool_calls/0/id").asString()).isEqualTo("toolu_01A");
            assertThat(first.get("openai").at("/messages/2").has("reasoning_content")).isFalse();
            assertThat(first.get("deepseek").at("/messages/2/reasoning_content").asString()).startsWith("Mind the [brackets]");
            assertThat(first.get("mistral").at("/messages/2/tool_calls/0/id").asString()).matches("[a-zA-Z0-9]{9}");
            assertThat(first.get("mistral").at("/messages/3/tool_call_id").asString())
                    .isEqualTo(first.get("mistral").at("/messages/2/tool_calls/0/id").asString());
            assertThat(first.get("mistral").at("/messages/4/role").asString()).as("the bridge after tool results").isEqualTo("assistant");
        }
    }
}
