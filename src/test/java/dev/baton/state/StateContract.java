package dev.baton.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every state store must do; run on memory and on a real Redis. */
abstract class StateContract {
    static final Duration MINUTE = Duration.ofMinutes(1);

    abstract StateStore store();

    /** A second store on the same shared state (for memory: the same one). */
    abstract StateStore secondInstance();

    String key(String name) {
        return getClass().getSimpleName() + ":" + name + ":" + System.nanoTime();
    }

    @Test
    void tryAddAddsWhileItFitsAndRefusesWithoutAdding() {
        StateStore s = store();
        String k = key("rpm");
        assertThat(s.tryAdd(k, 1, 1, 2, MINUTE)).isEqualTo(1);
        assertThat(s.tryAdd(k, 1, 1, 2, MINUTE)).isEqualTo(2);
        assertThat(s.tryAdd(k, 1, 1, 2, MINUTE)).isEqualTo(StateStore.REFUSED);
        assertThat(s.get(k)).isEqualTo(2);
        assertThat(s.add(k, -2, MINUTE)).isZero();
        // tpm style: admitted while under the limit, whatever the estimate
        assertThat(s.tryAdd(k, 500, 1, 100, MINUTE)).isEqualTo(500);
        assertThat(s.tryAdd(k, 1, 1, 100, MINUTE)).isEqualTo(StateStore.REFUSED);
    }

    @Test
    void countersExpire() throws InterruptedException {
        StateStore s = store();
        String k = key("short");
        s.add(k, 5, Duration.ofMillis(100));
        Thread.sleep(250);
        assertThat(s.get(k)).isZero();
    }

    @Test
    void initIfAbsentSetsOnlyOnce() {
        StateStore s = store();
        String k = key("budget");
        assertThat(s.initIfAbsent(k, 42, MINUTE)).isTrue();
        assertThat(s.initIfAbsent(k, 7, MINUTE)).isFalse();
        assertThat(s.get(k)).isEqualTo(42);
    }

    @Test
    void parallelReservationsFromTwoInstancesNeverOvershootTheLimit() throws Exception {
        StateStore a = store();
        StateStore b = secondInstance();
        String k = key("shared");
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                StateStore s = i % 2 == 0 ? a : b;
                done.add(pool.submit((Callable<Void>) () -> {
                    if (s.tryAdd(k, 3, 3, 30, MINUTE) != StateStore.REFUSED) admitted.incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(admitted.get()).isEqualTo(10);
        assertThat(a.get(k)).isEqualTo(30);
        assertThat(b.get(k)).isEqualTo(30);
    }
}
