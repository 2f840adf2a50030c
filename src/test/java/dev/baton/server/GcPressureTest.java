package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GcPressureTest {
    private final AtomicLong gcMillis = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final GcPressure pressure = new GcPressure(gcMillis::get, nanos::get);

    private void pass(long wallMillis, long collectingMillis) {
        nanos.addAndGet(wallMillis * 1_000_000);
        gcMillis.addAndGet(collectingMillis);
    }

    @Test
    void highOnlyWhileCollectionsTakeMostOfTheTimeAndClearsByItself() {
        pass(1000, 60);
        assertThat(pressure.high()).as("young collections of a busy gateway").isFalse();
        pass(1000, 400);
        assertThat(pressure.high()).as("a few full collections after a huge body").isFalse();
        pass(1000, 950);
        assertThat(pressure.high()).as("collected back to back").isTrue();
        pass(400, 0);
        assertThat(pressure.high()).as("judged once a window").isTrue();
        pass(600, 10);
        assertThat(pressure.high()).as("the work in flight finished").isFalse();
    }
}
