package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An open gateway (no master key) without UI_USERNAME/UI_PASSWORD has no dashboard: nothing to log in with. */
class DashboardOffTest extends PrimaryAndSecondary {
    @Test
    void withNoLoginConfiguredTheDashboardSaysHowToTurnItOn() {
        for (String path : new String[] {"/ui", "/ui/login", "/ui/live", "/ui/events", "/ui/keys"}) {
            HttpResponse<String> r = gw.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(503);
            assertThat(r.body()).as(path).contains("UI_USERNAME", "UI_PASSWORD", "master key").doesNotContain("primary");
        }
        assertThat(gw.post("/ui/keys/create", "alias=x", "content-type", "application/x-www-form-urlencoded").statusCode()).isEqualTo(503);
        assertThat(gw.gateway.keys().list()).isEmpty();
        assertThat(gw.get("/health").statusCode()).isEqualTo(200); // the gateway itself is unaffected
    }
}
