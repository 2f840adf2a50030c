package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may log in: UI_USERNAME/UI_PASSWORD together, or admin with the master key; nobody when neither is set. */
class UiLoginTest {
    @Test
    void theEnvironmentsPairAndTheMasterKeyAsAdminBothLogIn() {
        UiLogin login = UiLogin.from(Secret.of("sk-master-123456"), Map.of("UI_USERNAME", "ops", "UI_PASSWORD", "pw-1"));
        assertThat(login.enabled()).isTrue();
        assertThat(login.accepts("ops", "pw-1")).isTrue();
        assertThat(login.accepts("admin", "sk-master-123456")).isTrue();
        assertThat(login.accepts("ops", "sk-master-123456")).isFalse();
        assertThat(login.accepts("admin", "pw-1")).isFalse();
        assertThat(login.accepts("ops", "pw-")).isFalse();
        assertThat(login.accepts("ops", null)).isFalse();
        assertThat(login.accepts(null, "pw-1")).isFalse();
    }

    @Test
    void halfAPairDoesNotCountAndWithoutAMasterKeyTheDashboardIsOff() {
        assertThat(UiLogin.from(null, Map.of("UI_PASSWORD", "pw")).enabled()).isFalse();
        assertThat(UiLogin.from(null, Map.of("UI_USERNAME", "ops", "UI_PASSWORD", " ")).enabled()).isFalse();
        assertThat(UiLogin.from(null, Map.of()).enabled()).isFalse();
        UiLogin masterOnly = UiLogin.from(Secret.of("sk-master-123456"), Map.of("UI_USERNAME", "ops"));
        assertThat(masterOnly.enabled()).isTrue();
        assertThat(masterOnly.accepts("ops", "")).isFalse();
        assertThat(masterOnly.accepts("admin", "sk-master-123456")).isTrue();
    }
}
