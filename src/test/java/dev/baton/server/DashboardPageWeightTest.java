package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Chromium;
import dev.baton.testing.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Each dashboard page's weight (bytes over the wire for the page and what it loads, cache off) and the browser's own
 * first-render figures (Navigation and Paint Timing), written to target/dashboard-perf.md; docs/dashboard.md quotes
 * them. Sizes are checked against a budget; times are only reported (no timing assertions).
 */
class DashboardPageWeightTest extends TwoFakes {
    /** The most a page may weigh on the wire, everything it loads included (the spend page's chart library is most of it). */
    static final long BUDGET_BYTES = 60_000;
    private static final List<String> PAGES = List.of("/ui/login", "/ui/live", "/ui/requests", "/ui/spend", "/ui/timeline", "/ui/journal", "/ui/keys");
    /** Everything fetched by the page except the event stream, which never ends. */
    private static final String MEASURE = """
            const nav = performance.getEntriesByType('navigation')[0];
            const res = performance.getEntriesByType('resource').filter(r => !r.name.endsWith('/ui/events'));
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            return {page: nav.transferSize, pageBody: nav.decodedBodySize, assets: res.reduce((s, r) => s + r.transferSize, 0),
                    requests: 1 + res.length, ttfb: nav.responseStart, fcp: fcp ? fcp.startTime : -1, dcl: nav.domContentLoadedEventEnd};
            """;

    @Test
    void everyPageStaysWithinItsWeightBudget() throws Exception {
        try (TestGateway gw = DashboardBrowserTest.gateway(this).start(); Chromium chromium = Chromium.start()) {
            for (int i = 0; i < 5; i++) gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", DashboardBrowserTest.MASTER);
            primary.enqueue(Fault.rateLimited(Duration.ofSeconds(60)));
            gw.post("/v1/messages", Wire.message("claude-sonnet", false), "x-api-key", DashboardBrowserTest.MASTER);
            gw.records(6);
            ChromeDriver b = chromium.driver();
            b.executeCdpCommand("Network.enable", Map.of());
            b.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true)); // every visit is a first visit
            StringBuilder table = new StringBuilder("| page | requests | page bytes (HTML) | with assets | time to first byte | first contentful paint | DOM ready |\n"
                    + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (String page : PAGES) {
                if (page.equals("/ui/live")) DashboardBrowserTest.logIn(b, gw, chromium); // the login page was measured logged out
                b.get(gw.baseUrl() + page);
                chromium.await().until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
                // the paint entry appears with the first frame, which may come a moment after the load event
                chromium.await().until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                        "return performance.getEntriesByName('first-contentful-paint').length > 0"));
                if (page.equals("/ui/spend")) {
                    chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#spend-chart canvas")));
                    chromium.screenshot("spend");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) b.executeScript(MEASURE);
                long total = num(m, "page") + num(m, "assets");
                table.append(String.format(Locale.ROOT, "| `%s` | %d | %,d | %,d | %.1f ms | %.1f ms | %.1f ms |%n", page, num(m, "requests"),
                        num(m, "page"), total, dbl(m, "ttfb"), dbl(m, "fcp"), dbl(m, "dcl")));
                assertThat(total).as(page + " on the wire").isBetween(1L, BUDGET_BYTES);
            }
            Path out = Path.of("target", "dashboard-perf.md");
            Files.writeString(out, table);
            System.out.print(table);
        }
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static double dbl(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }
}
