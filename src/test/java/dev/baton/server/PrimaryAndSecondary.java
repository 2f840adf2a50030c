package dev.baton.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The common setup of gateway tests: group `claude-sonnet` served by the primary and then the secondary fake
 * upstream, with each test class adding its own settings in {@link #configure}.
 */
abstract class PrimaryAndSecondary extends TwoFakes {
    TestGateway gw;

    /** The test class's own router, baton or key settings. */
    TestGateway.Builder configure(TestGateway.Builder builder) {
        return builder;
    }

    @BeforeEach
    void startGateway() {
        gw = configure(TestGateway.builder(dir)
                .anthropic("claude-sonnet", "primary", primary)
                .anthropic("claude-sonnet", "secondary", secondary))
                .start();
    }

    @AfterEach
    void stopGateway() throws Exception {
        gw.close();
    }
}
