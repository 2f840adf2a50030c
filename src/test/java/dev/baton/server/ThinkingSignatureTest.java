package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.canonical.ThinkingOrigin;
import dev.baton.testing.AnthropicReply;
import dev.baton.testing.RecordedRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Thinking blocks Anthropic cannot verify never make a request fail (field notes 13, 14). */
class ThinkingSignatureTest extends PrimaryAndSecondary {

    private static String withThinking(String signature, boolean toolLoop) {
        String assistant = toolLoop
                ? "[{\"type\":\"thinking\",\"thinking\":\"Let me look.\",\"signature\":\"" + signature + "\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Read\",\"input\":{\"file_path\":\"/a\"}}]"
                : "[{\"type\":\"thinking\",\"thinking\":\"Let me look.\",\"signature\":\"" + signature + "\"},"
                + "{\"type\":\"text\",\"text\":\"Here it is.\"}]";
        String user = toolLoop
                ? "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"hello\"}]"
                : "\"Thanks, and now?\"";
        return "{\"model\":\"claude-sonnet\",\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Read /a\"},"
                + "{\"role\":\"assistant\",\"content\":" + assistant + "},"
                + "{\"role\":\"user\",\"content\":" + user + "}]}";
    }

    @Test
    void thinking_translated_from_another_provider_is_removed_before_it_reaches_anthropic() {
        HttpResponse<String> r = gw.post("/v1/messages", withThinking(ThinkingOrigin.signature("gemini", "c2ln"), false));

        assertThat(r.statusCode()).isEqualTo(200);
        RecordedRequest sent = primary.takeRequest();
        assertThat(sent.body()).doesNotContain("baton:gemini").doesNotContain("\"thinking\",\"thinking\"").contains("Here it is.");
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void a_tool_turn_whose_translated_thinking_was_dropped_is_sent_with_thinking_off() {
        HttpResponse<String> r = gw.post("/v1/messages", withThinking(ThinkingOrigin.signature("gemini", "c2ln"), true));

        assertThat(r.statusCode()).isEqualTo(200); // the fake, like Anthropic, rejects a tool turn without thinking first
        JsonNode sent = Wire.json(primary.takeRequest().body());
        assertThat(sent.has("thinking")).isFalse();
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void thinking_signed_by_anthropic_for_this_account_passes_through_untouched() {
        String signature = primary.issueSignature();
        HttpResponse<String> r = gw.post("/v1/messages", withThinking(signature, true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(primary.takeRequest().body()).contains(signature);
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void invalid_signature_is_retried_once_on_the_same_deployment_without_thinking() {
        String foreign = secondary.issueSignature(); // valid elsewhere: another account's signature
        HttpResponse<String> r = gw.post("/v1/messages", withThinking(foreign, true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-baton-deployment")).hasValue("primary");
        assertThat(primary.requestCount()).isEqualTo(2);
        primary.takeRequest();
        String retried = primary.takeRequest().body();
        assertThat(retried).doesNotContain(foreign).contains("toolu_01");
        // inside a tool loop the turn can no longer start with thinking, so thinking is off for this request
        assertThat(Wire.json(retried).has("thinking")).isFalse();
        assertThat(secondary.requestCount()).isZero();
    }

    @Test
    void thinking_in_answers_reaches_the_caller_with_anthropics_signature() {
        String signature = primary.issueSignature();
        primary.reply(AnthropicReply.text("Done.").withThinking("Thinking it over.", signature));

        HttpResponse<String> r = gw.post("/v1/messages", Wire.message("claude-sonnet", true));

        assertThat(r.body()).contains("\"signature_delta\"").contains(signature);
    }
}
