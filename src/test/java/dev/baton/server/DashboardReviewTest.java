package dev.baton.server;

import static dev.baton.server.DashboardAccessTest.csrf;
import static dev.baton.server.DashboardAccessTest.formBody;
import static dev.baton.server.DashboardAccessTest.login;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dialect.Json;
import dev.baton.testing.GitRepo;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Accept from the journal page, over HTTP: confirm first, then the tags are renamed as `baton review --accept` does. */
class DashboardReviewTest extends TwoFakes {
    private static final String MASTER = DashboardAccessTest.MASTER;

    private TestGateway.Builder gateway() {
        return TestGateway.builder(dir).anthropic("claude-sonnet", "primary", primary).masterKey(MASTER);
    }

    private static HttpResponse<String> post(TestGateway gw, String session, String path, String... pairs) {
        return gw.post(path, formBody(pairs), "content-type", "application/x-www-form-urlencoded", "cookie", "baton_ui=" + session);
    }

    @Test
    void acceptAsksFirstThenRenamesTheTagsAndNothingIsLeftToRollBack() throws Exception {
        GitRepo repo = GitRepo.withCommit(dir.resolve("repo"), "a.txt", "a\n");
        try (TestGateway gw = gateway().baton("journal", "{repo: " + Json.MAPPER.writeValueAsString(repo.dir.toString()) + "}").start()) {
            assertThat(gw.post("/webhook", JournalGatewayTest.WEBHOOK_BODY, "x-api-key", MASTER).statusCode()).isEqualTo(200);
            String tag = repo.tags("model-*").get(0);
            String session = login(gw, "admin", MASTER);
            HttpResponse<String> page = gw.get("/ui/journal", "cookie", "baton_ui=" + session);
            assertThat(page.body()).contains("data-tag=\"" + tag + "\"", "Roll back");
            String token = csrf(page.body());

            HttpResponse<String> ask = post(gw, session, "/ui/journal/accept", "_csrf", token, "target", "test-model");
            assertThat(ask.statusCode()).isEqualTo(200);
            assertThat(ask.body()).contains("Confirm accept", tag);
            assertThat(repo.tags("accepted-*")).isEmpty(); // asking changed nothing

            HttpResponse<String> done = post(gw, session, "/ui/journal/accept", "_csrf", token, "target", "test-model", "confirm", "yes");
            assertThat(done.body()).contains("Accepted 1 segment");
            assertThat(repo.tags("model-*")).isEmpty();
            assertThat(repo.tags("accepted-*")).containsExactly(tag.replaceFirst("^model-", "accepted-"));

            HttpResponse<String> rollback = post(gw, session, "/ui/journal/rollback", "_csrf", token, "target", "test-model");
            assertThat(rollback.body()).contains("every segment is accepted; nothing to roll back");
            HttpResponse<String> unknown = post(gw, session, "/ui/journal/rollback", "_csrf", token, "target", "no-such-model");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no journal segments for &#39;no-such-model&#39;");
        }
    }

    @Test
    void withTheJournalOffThePageSaysWhy() throws Exception {
        try (TestGateway gw = gateway().start()) {
            String session = login(gw, "admin", MASTER);
            HttpResponse<String> page = gw.get("/ui/journal", "cookie", "baton_ui=" + session);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"journal-off\"", "The journal is off: no baton.journal.repo configured");
            String token = csrf(page.body());
            assertThat(post(gw, session, "/ui/journal/rollback", "_csrf", token, "target", "x").statusCode()).isEqualTo(409);
        }
    }
}
