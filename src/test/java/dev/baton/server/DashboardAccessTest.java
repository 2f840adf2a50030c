package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dialect.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who gets into `/ui`: the login, its cookies, CSRF on every action, and nothing visible without a session. */
class DashboardAccessTest extends PrimaryAndSecondary {
    static final String MASTER = "sk-baton-master-key-for-ui";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Override
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder.masterKey(MASTER).env("UI_USERNAME", "ops").env("UI_PASSWORD", "correct horse");
    }

    /** Logs in with the form as a browser would; returns the session cookie's value. */
    static String login(TestGateway gw, String user, String password) {
        HttpResponse<String> form = gw.get("/ui/login");
        String token = csrf(form.body());
        HttpResponse<String> r = gw.post("/ui/login", formBody("_csrf", token, "username", user, "password", password),
                "content-type", "application/x-www-form-urlencoded", "cookie", "baton_ui_login=" + cookie(form, "baton_ui_login"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return cookie(r, "baton_ui");
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElse(null);
    }

    static String formBody(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!b.isEmpty()) b.append('&');
            b.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private HttpResponse<String> postForm(String path, String session, String... pairs) {
        return gw.post(path, formBody(pairs), "content-type", "application/x-www-form-urlencoded", "cookie", "baton_ui=" + session);
    }

    @Test
    void withoutALoginNoPageFeedOrAssetIsShown() {
        for (String page : List.of("/ui", "/ui/live", "/ui/requests", "/ui/spend?by=key", "/ui/timeline", "/ui/journal", "/ui/keys")) {
            HttpResponse<String> r = gw.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(303);
            assertThat(r.headers().firstValue("location")).as(page).hasValue("/ui/login");
            assertThat(r.body()).as(page).isEmpty();
        }
        for (String feed : List.of("/ui/events", "/ui/assets/live.js", "/ui/assets/spend.js", "/ui/assets/uPlot.iife.min.js")) {
            HttpResponse<String> r = gw.get(feed);
            assertThat(r.statusCode()).as(feed).isEqualTo(401);
            assertThat(r.body()).as(feed).startsWith("log in first");
        }
        HttpResponse<String> forged = gw.post("/ui/keys/create", formBody("alias", "intruder"), "content-type", "application/x-www-form-urlencoded",
                "cookie", "baton_ui=not-a-session");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(gw.gateway.keys().list()).isEmpty();
        // the login page's own stylesheet is the one thing served to anyone
        assertThat(gw.get("/ui/assets/dashboard.css").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordGetsNoSessionAndTheRightOneAnHttpOnlyStrictCookie() {
        HttpResponse<String> form = gw.get("/ui/login");
        assertThat(form.statusCode()).isEqualTo(200);
        String loginCookie = cookie(form, "baton_ui_login");
        HttpResponse<String> wrong = gw.post("/ui/login", formBody("_csrf", csrf(form.body()), "username", "ops", "password", "wrong"),
                "content-type", "application/x-www-form-urlencoded", "cookie", "baton_ui_login=" + loginCookie);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong username or password");
        assertThat(cookie(wrong, "baton_ui")).isNull();
        assertThat(gw.post("/ui/login", formBody("_csrf", csrf(form.body()), "username", "admin", "password", "correct horse"),
                "content-type", "application/x-www-form-urlencoded", "cookie", "baton_ui_login=" + loginCookie).statusCode()).isEqualTo(401);

        HttpResponse<String> again = gw.get("/ui/login");
        HttpResponse<String> right = gw.post("/ui/login", formBody("_csrf", csrf(again.body()), "username", "ops", "password", "correct horse"),
                "content-type", "application/x-www-form-urlencoded", "cookie", "baton_ui_login=" + cookie(again, "baton_ui_login"));
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("location")).hasValue("/ui/live");
        String setCookie = right.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("baton_ui=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui");
        HttpResponse<String> live = gw.get("/ui/live", "cookie", "baton_ui=" + cookie(right, "baton_ui"));
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("primary", "secondary", "priority (order)");
        assertThat(live.headers().firstValue("content-security-policy")).hasValueSatisfying(c -> assertThat(c).contains("script-src 'self'"));
    }

    @Test
    void theLoginFormNeedsItsOwnTokenAndTheMasterKeyLogsInAsAdmin() {
        HttpResponse<String> noToken = gw.post("/ui/login", formBody("username", "ops", "password", "correct horse"),
                "content-type", "application/x-www-form-urlencoded");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(cookie(noToken, "baton_ui")).isNull();

        String session = login(gw, "admin", MASTER);
        assertThat(gw.get("/ui/keys", "cookie", "baton_ui=" + session).statusCode()).isEqualTo(200);
    }

    @Test
    void everyActionNeedsTheSessionsCsrfToken() {
        String session = login(gw, "ops", "correct horse");
        HttpResponse<String> none = postForm("/ui/keys/create", session, "alias", "no-token");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF");
        String other = csrf(gw.get("/ui/keys", "cookie", "baton_ui=" + login(gw, "ops", "correct horse")).body());
        assertThat(postForm("/ui/keys/create", session, "_csrf", other, "alias", "other-sessions-token").statusCode()).isEqualTo(403);
        assertThat(postForm("/ui/logout", session, "_csrf", "forged").statusCode()).isEqualTo(403);
        assertThat(gw.gateway.keys().list()).isEmpty();

        String mine = csrf(gw.get("/ui/keys", "cookie", "baton_ui=" + session).body());
        HttpResponse<String> made = postForm("/ui/keys/create", session, "_csrf", mine, "alias", "with-token", "max_budget", "5");
        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.body()).containsPattern("id=\"new-key\">sk-baton-[A-Za-z0-9]{40}<");
        assertThat(gw.gateway.keys().list()).extracting(k -> k.alias()).containsExactly("with-token");
    }

    @Test
    void malformedFormsAndFiltersAreA400ForThePerson() {
        String session = login(gw, "ops", "correct horse");
        HttpResponse<String> badEscape = gw.post("/ui/keys/create", "alias=%zz", "content-type", "application/x-www-form-urlencoded",
                "cookie", "baton_ui=" + session);
        assertThat(badEscape.statusCode()).isEqualTo(400);
        assertThat(badEscape.body()).contains("malformed request");
        HttpResponse<String> badSince = gw.get("/ui/spend?since=yesterday", "cookie", "baton_ui=" + session);
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(badSince.body()).contains("since: expected a period such as 30m");
        assertThat(gw.get("/ui/spend?by=colour", "cookie", "baton_ui=" + session).statusCode()).isEqualTo(400);
        assertThat(gw.get("/ui/nothing-here", "cookie", "baton_ui=" + session).statusCode()).isEqualTo(404);
    }

    @Test
    void loggingOutEndsTheSession() {
        String session = login(gw, "ops", "correct horse");
        String token = csrf(gw.get("/ui/live", "cookie", "baton_ui=" + session).body());
        HttpResponse<String> out = postForm("/ui/logout", session, "_csrf", token);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("location")).hasValue("/ui/login");
        assertThat(gw.get("/ui/live", "cookie", "baton_ui=" + session).statusCode()).isEqualTo(303);
    }

    @Test
    void theEventStreamSendsSnapshotsOfEveryChain() throws Exception {
        String session = login(gw, "ops", "correct horse");
        HttpRequest req = HttpRequest.newBuilder(gw.uri("/ui/events")).header("cookie", "baton_ui=" + session).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> r = gw.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                // retry: and blank lines
            }
            assertThat(line).isNotNull();
            JsonNode snapshot = Json.MAPPER.readTree(line.substring(6));
            JsonNode chain = snapshot.path("groups").get(0).path("chain");
            assertThat(chain.get(0).path("id").asString()).isEqualTo("primary");
            assertThat(chain.get(0).path("state").asString()).isEqualTo("serving");
            assertThat(chain.get(1).path("state").asString()).isEqualTo("standby");
        }
    }
}
