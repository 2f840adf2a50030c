package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.dialect.Json;
import dev.baton.testing.Chromium;
import dev.baton.testing.Fault;
import dev.baton.testing.GitRepo;
import dev.baton.testing.RequestQuota;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against a running Baton with fake upstreams: log in,
 * watch a 429 move traffic, find the switch on the timeline, roll its segment back in a real git repository, make
 * and revoke a key; switch the routing strategy and see new traffic follow it, see a deployment near its rate limit
 * passed over, cool it down and recover it from its card. Screenshots go to target/screenshots.
 */
class DashboardBrowserTest extends TwoFakes {
    static final String MASTER = "sk-baton-master-key-for-ui";
    static final String USER = "ops";
    static final String PASSWORD = "correct horse battery";
    private static Chromium chromium;
    private TestGateway gw;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) chromium.close();
    }

    @AfterEach
    void stopGateway() throws Exception {
        if (gw != null) gw.close();
    }

    /** Primary Claude, then a second deployment serving gemini-2.5-pro; the UI login from the environment. */
    static TestGateway.Builder gateway(TwoFakes t) {
        return withLogin(TestGateway.builder(t.dir)
                .anthropic("claude-sonnet", "primary", t.primary)
                .deployment("claude-sonnet", "secondary", "anthropic/gemini-2.5-pro", t.secondary.baseUrl(), "sk-test-secondary"));
    }

    static TestGateway.Builder withLogin(TestGateway.Builder b) {
        return b.masterKey(MASTER).general("allow_master_key_traffic", "true").env("UI_USERNAME", USER).env("UI_PASSWORD", PASSWORD);
    }

    static void logIn(ChromeDriver b, TestGateway gw) {
        logIn(b, gw, chromium);
    }

    static void logIn(ChromeDriver b, TestGateway gw, Chromium chromium) {
        b.get(gw.baseUrl() + "/ui/live");
        chromium.await().until(ExpectedConditions.urlToBe(gw.baseUrl() + "/ui/login"));
        b.findElement(By.id("username")).sendKeys(USER);
        b.findElement(By.id("password")).sendKeys(PASSWORD);
        b.findElement(By.id("login")).click();
        chromium.await().until(ExpectedConditions.urlToBe(gw.baseUrl() + "/ui/live"));
    }

    private static String stateOf(ChromeDriver b, String deployment) {
        List<WebElement> badge = b.findElements(By.cssSelector("[data-deployment='" + deployment + "'] [data-state]"));
        return badge.isEmpty() ? null : badge.get(0).getDomAttribute("data-state");
    }

    /** The deployments of a group's card chain, in the order the page shows them. */
    private static List<String> chainOf(ChromeDriver b, String group) {
        return b.findElements(By.cssSelector("[data-group='" + group + "'] .deployment")).stream().map(e -> e.getDomAttribute("data-deployment")).toList();
    }

    private HttpResponse<String> message(String session, String key) {
        return gw.post("/v1/messages", Wire.message("claude-sonnet-4-5-20250929", false), "x-api-key", key, "X-Claude-Code-Session-Id", session);
    }

    @Test
    void aRateLimitMovesTrafficShowsOnTheTimelineAndItsSegmentRollsBack() {
        GitRepo repo = GitRepo.withCommit(dir.resolve("app"), "app.txt", "v1\n");
        gw = gateway(this).baton("journal", "{repo: " + Json.MAPPER.writeValueAsString(repo.dir.toString()) + "}").start();
        ChromeDriver b = chromium.driver();
        logIn(b, gw);
        chromium.await().until(d -> "serving".equals(stateOf(b, "primary")) && "standby".equals(stateOf(b, "secondary")));
        assertThat(b.findElement(By.id("strategy")).getText()).isEqualTo("priority");
        chromium.await().until(d -> d.findElement(By.id("live-status")).getText().equals("connected"));
        assertThat(message("cc-session-1", MASTER).headers().firstValue("x-baton-deployment")).hasValue("primary");

        repo.write("app.txt", "v2 by claude\n"); // Claude's uncommitted work when the limit hits
        primary.enqueue(Fault.rateLimited(Duration.ofSeconds(60)));
        HttpResponse<String> moved = message("cc-session-1", MASTER);
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.headers().firstValue("x-baton-deployment")).hasValue("secondary");

        // the page is not reloaded: the event stream brings the new states, the served request and the switch
        chromium.await().until(d -> "cooling".equals(stateOf(b, "primary")) && "serving".equals(stateOf(b, "secondary")));
        chromium.await().until(d -> d.findElement(By.cssSelector("[data-deployment='secondary'] .figures")).getText().contains("1 req"));
        chromium.await().until(d -> d.findElement(By.id("switches")).getText().contains("cc-session-1"));
        assertThat(b.findElement(By.cssSelector("[data-deployment='primary'] .badge")).getText()).matches("cooling · \\d+ s left");
        assertThat(b.findElement(By.cssSelector("[data-deployment='primary'] .failure")).getText()).contains("429");
        chromium.screenshot("live");

        b.findElement(By.id("nav-requests")).click();
        WebElement fellBack = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#requests tr.fell-back")));
        assertThat(fellBack.getText()).contains("cc-session-1", "secondary", "primary: rate limited", "secondary: ok");
        chromium.screenshot("requests");

        b.findElement(By.id("nav-timeline")).click();
        WebElement session = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-session='cc-session-1']")));
        assertThat(session.findElement(By.cssSelector(".switch .from")).getText()).isEqualTo("primary");
        assertThat(session.findElement(By.cssSelector(".switch .to")).getText()).isEqualTo("secondary");
        assertThat(session.findElement(By.cssSelector(".switch .reason")).getText()).contains("429");
        chromium.screenshot("timeline");

        await().atMost(Chromium.WAIT).until(() -> repo.tags("model-*").size() == 1);
        String tag = repo.tags("model-*").get(0);
        repo.write("app.txt", "v3 by gemini\n", "gemini.txt", "added by gemini\n"); // Gemini's work, committed as agents do
        repo.commitAll("gemini: rewrite app");

        b.findElement(By.id("nav-journal")).click();
        WebElement row = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-tag='" + tag + "']")));
        assertThat(row.getText()).contains("+2", "-1", "cc-session-1");
        chromium.screenshot("journal");
        row.findElement(By.linkText("diff")).click();
        assertThat(chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("diff"))).getText())
                .contains("+v3 by gemini", "-v2 by claude", "+added by gemini");

        b.navigate().back();
        chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-tag='" + tag + "'] button.rollback"))).click();
        WebElement confirm = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text")));
        assertThat(b.findElement(By.cssSelector("ul.commits")).getText()).contains("gemini: rewrite app");
        assertThat(confirm.getText()).contains(tag);
        assertThat(repo.lines("log", "--format=%s").get(0)).isEqualTo("gemini: rewrite app"); // nothing happened before the confirm
        chromium.screenshot("rollback-confirm");
        b.findElement(By.id("confirm")).click();

        WebElement result = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(result.getText()).startsWith("Reverted 1 commit of " + tag);
        chromium.screenshot("rollback-done");
        assertThat(repo.lines("log", "--format=%s").get(0)).isEqualTo("Revert \"gemini: rewrite app\"");
        assertThat(repo.read("app.txt")).isEqualTo("v2 by claude\n");
        assertThat(repo.exists("gemini.txt")).isFalse();
        assertThat(repo.status()).isEmpty();
    }

    @Test
    void switchingTheStrategyInTheBrowserSendsNewTrafficToTheCheaperDeployment() {
        gw = withLogin(TestGateway.builder(dir)
                .anthropic("claude-sonnet", "dear", primary, "input_cost_per_token: 0.000015", "output_cost_per_token: 0.000075")
                .anthropic("claude-sonnet", "cheap", secondary, "input_cost_per_token: 0.000001", "output_cost_per_token: 0.000005")).start();
        ChromeDriver b = chromium.driver();
        logIn(b, gw);
        chromium.await().until(d -> "serving".equals(stateOf(b, "dear")) && "standby".equals(stateOf(b, "cheap")));
        assertThat(b.findElement(By.id("strategy")).getText()).isEqualTo("priority");
        assertThat(message("before-switch", MASTER).headers().firstValue("x-baton-deployment")).hasValue("dear");

        new Select(b.findElement(By.id("strategy-select"))).selectByValue("cost-based-routing");
        b.findElement(By.id("switch-strategy")).click();
        WebElement notice = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("strategy-switched")));
        assertThat(notice.getText()).contains("from priority to cost-based-routing");
        assertThat(b.findElement(By.id("strategy")).getText()).isEqualTo("cost-based-routing");
        // the chain is redrawn in the strategy's order, and new traffic follows it
        chromium.await().until(d -> chainOf(b, "claude-sonnet").equals(List.of("cheap", "dear")) && "serving".equals(stateOf(b, "cheap")));
        assertThat(message("after-switch", MASTER).headers().firstValue("x-baton-deployment")).hasValue("cheap");
        HttpResponse<String> admin = gw.get("/admin/deployments", "x-api-key", MASTER);
        assertThat(Wire.json(admin.body()).path("strategy").asString()).isEqualTo("cost-based-routing");
        chromium.screenshot("live-strategy");

        b.get(gw.baseUrl() + "/ui/live"); // a new page load reads the strategy again
        chromium.await().until(ExpectedConditions.textToBe(By.id("strategy"), "cost-based-routing"));
        assertThat(new Select(b.findElement(By.id("strategy-select"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("cost-based-routing");
    }

    @Test
    void aDeploymentNearItsLimitIsPassedOverAndAnOperatorCoolsAndRecoversIt() {
        primary.quota(new RequestQuota(10, Duration.ofMinutes(1)));
        gw = gateway(this).start();
        ChromeDriver b = chromium.driver();
        logIn(b, gw);
        chromium.await().until(d -> d.findElement(By.id("live-status")).getText().equals("connected"));
        for (int i = 0; i < 8; i++) assertThat(message("agent-" + i, MASTER).headers().firstValue("x-baton-deployment")).hasValue("primary");

        // its answers said 8 of 10 requests of the minute are used: passed over before it has to answer 429
        chromium.await().until(d -> "near-limit".equals(stateOf(b, "primary")) && "serving".equals(stateOf(b, "secondary")));
        String card = "[data-deployment='primary'] ";
        assertThat(b.findElement(By.cssSelector(card + ".badge")).getText()).isEqualTo("near limit · passed over");
        assertThat(b.findElement(By.cssSelector(card + ".quota")).getText())
                .matches("rate limit: 80% of its window used · resets in \\d+ s · passed over");
        assertThat(b.findElement(By.cssSelector(card + ".router")).getText()).startsWith("router: 0 in flight").contains("0% errors", "score 0.");
        assertThat(message("agent-8", MASTER).headers().firstValue("x-baton-deployment")).hasValue("secondary");
        assertThat(primary.server().quota().refused()).isZero();
        chromium.screenshot("live-prediction");

        b.findElement(By.cssSelector(card + "form.cooldown button")).click();
        assertThat(chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("cooled"))).getText())
                .matches("primary is cooling for \\d+ s: .*");
        chromium.await().until(d -> "cooling".equals(stateOf(b, "primary")));
        assertThat(b.findElement(By.cssSelector(card + ".streak")).getText()).isEqualTo("1 cooldown in a row");
        assertThat(b.findElements(By.cssSelector(card + "form.cooldown"))).allMatch(f -> !f.isDisplayed());

        chromium.await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(card + "form.recover button"))).click();
        chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("recovered")));
        chromium.await().until(d -> "near-limit".equals(stateOf(b, "primary"))); // back in service, its window still nearly used
        assertThat(Wire.json(gw.get("/admin/deployments", "x-api-key", MASTER).body()).path("deployments").get(0).path("state").asString())
                .isEqualTo("healthy");
    }

    @Test
    void aKeyIsCreatedShownOnceUsedAndRevoked() {
        gw = gateway(this).start();
        ChromeDriver b = chromium.driver();
        logIn(b, gw);
        b.findElement(By.id("nav-keys")).click();
        chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-key")));
        b.findElement(By.id("key-alias")).sendKeys("ci-bot");
        b.findElement(By.id("key-models")).sendKeys("claude-sonnet");
        b.findElement(By.id("key-max_budget")).sendKeys("5");
        b.findElement(By.id("key-budget_duration")).sendKeys("30d");
        b.findElement(By.id("key-rpm")).sendKeys("60");
        b.findElement(By.id("key-duration")).sendKeys("7d");
        b.findElement(By.id("create")).click();

        String key = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key"))).getText();
        assertThat(key).matches("sk-baton-[A-Za-z0-9]{40}");
        WebElement listed = b.findElement(By.cssSelector("tr[data-alias='ci-bot']"));
        assertThat(listed.getText()).contains("claude-sonnet", "$5.0000 / 30d", "60", "active");
        chromium.screenshot("keys-created");
        assertThat(message("ci-session", key).statusCode()).isEqualTo(200);

        b.findElement(By.id("nav-keys")).click();
        chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-key")));
        assertThat(b.getPageSource()).doesNotContain(key); // shown once

        b.findElement(By.cssSelector("tr[data-alias='ci-bot'] button.rollback")).click();
        assertThat(chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text"))).getText()).contains("ci-bot");
        assertThat(message("ci-session", key).statusCode()).isEqualTo(200); // not yet: only confirmed revokes
        b.findElement(By.id("confirm")).click();
        chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("revoked")));
        assertThat(b.findElement(By.cssSelector("tr[data-alias='ci-bot'] .status")).getText()).isEqualTo("revoked");
        assertThat(message("ci-session", key).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordShowsAnErrorAndNoPage() {
        gw = gateway(this).start();
        ChromeDriver b = chromium.driver();
        b.manage().deleteAllCookies();
        b.get(gw.baseUrl() + "/ui/login");
        b.findElement(By.id("username")).sendKeys(USER);
        b.findElement(By.id("password")).sendKeys("not the password");
        b.findElement(By.id("login")).click();
        WebElement error = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).isEqualTo("Wrong username or password.");
        chromium.screenshot("login-wrong-password");
        b.get(gw.baseUrl() + "/ui/keys");
        chromium.await().until(ExpectedConditions.urlToBe(gw.baseUrl() + "/ui/login"));
        assertThat(b.findElements(By.id("keys"))).isEmpty();
    }
}
