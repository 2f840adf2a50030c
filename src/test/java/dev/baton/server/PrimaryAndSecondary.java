package dev.baton.server;

import dev.baton.testing.FakeAnthropic;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The common setup of gateway tests: group `claude-sonnet` served by a primary and then a secondary fake Anthropic
 * upstream, with each test class adding its own settings in {@link #configure}.
 */
abstract class PrimaryAndSecondary {
    @TempDir Path dir;
    FakeAnthropic primary;
    FakeAnthropic secondary;
    TestGateway gw;

    /** The test class's own router, baton or key settings. */
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder;
    }

    @BeforeEach
    void startGateway() {
        primary = FakeAnthropic.start("primary");
        secondary = FakeAnthropic.start("secondary");
        gw = configure(TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary))
                .start();
    }

    @AfterEach
    void stopGateway() throws Exception {
        gw.close();
        primary.close();
        secondary.close();
    }
}
