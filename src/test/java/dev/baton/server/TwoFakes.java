package dev.baton.server;

import dev.baton.testing.FakeAnthropic;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A primary and a secondary fake Anthropic upstream for each test, and a temp dir for its config. */
abstract class TwoFakes {
    @TempDir Path dir;
    FakeAnthropic primary;
    FakeAnthropic secondary;

    @BeforeEach
    void startFakes() {
        primary = FakeAnthropic.start("primary");
        secondary = FakeAnthropic.start("secondary");
    }

    @AfterEach
    void closeFakes() {
        primary.close();
        secondary.close();
    }
}
