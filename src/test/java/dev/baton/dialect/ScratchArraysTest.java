package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScratchArraysTest {

    @Test
    void anOutputHoldsWhatWasWrittenPastTheLentArraysSize() {
        ScratchArrays.Output out = new ScratchArrays.Output();
        byte[] expected = new byte[ScratchArrays.SIZE * 2 + 17];
        for (int i = 0; i < expected.length; i++) expected[i] = (byte) (i * 31);
        out.write(expected[0]);
        out.write(expected, 1, 1000);
        out.write(expected, 1001, expected.length - 1001);
        assertThat(out.finish()).isEqualTo(expected);
        assertThat(out.finish()).isEmpty();
    }

    @Test
    void anArrayIsLentToOneHolderAtATime() throws Exception {
        // every holder fills its array with its own byte and checks it after yielding: two holders of one array see
        // each other's bytes
        int threads = 16;
        AtomicInteger clashes = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte mark = (byte) (t + 1);
            all.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int round = 0; round < 300; round++) {
                    if (round % 2 == 0) {
                        byte[] a = ScratchArrays.take(ScratchArrays.SIZE);
                        Arrays.fill(a, 0, 4096, mark);
                        Thread.yield();
                        for (int i = 0; i < 4096; i++) if (a[i] != mark) { clashes.incrementAndGet(); break; }
                        ScratchArrays.give(a);
                    } else {
                        ScratchArrays.Output out = new ScratchArrays.Output();
                        byte[] mine = new byte[4096];
                        Arrays.fill(mine, mark);
                        out.write(mine, 0, mine.length);
                        Thread.yield();
                        for (byte b : out.finish()) if (b != mark) { clashes.incrementAndGet(); break; }
                        out.finish(); // a second finish must not lend the array twice
                    }
                }
            }));
        }
        start.countDown();
        for (Thread t : all) t.join();
        assertThat(clashes.get()).isZero();
    }

    @Test
    void anArrayGivenBackOnceIsTakenOnce() {
        ScratchArrays.Output out = new ScratchArrays.Output();
        out.write(1);
        out.finish();
        out.finish();
        // drain what is kept: no array may come out twice
        List<byte[]> taken = new ArrayList<>();
        for (int i = 0; i < 20; i++) taken.add(ScratchArrays.take(ScratchArrays.SIZE));
        assertThat(taken.stream().map(System::identityHashCode).distinct().count()).isEqualTo(taken.size());
        taken.forEach(ScratchArrays::give);
    }

    @Test
    void onlyArraysOfTheKeptSizeAreKept() {
        byte[] small = new byte[10];
        ScratchArrays.give(small);
        for (int i = 0; i < 20; i++) assertThat(ScratchArrays.take(10)).isNotSameAs(small);
    }
}
