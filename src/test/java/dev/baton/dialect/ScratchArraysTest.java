package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScratchArraysTest {
    private static final int SIZE = 16 << 10;

    @Test
    void anOutputHoldsWhatWasWrittenPastTheLentArraysSize() {
        ScratchArrays.Output out = new ScratchArrays(2, SIZE).output();
        byte[] expected = new byte[SIZE * 2 + 17];
        for (int i = 0; i < expected.length; i++) expected[i] = (byte) (i * 31);
        out.write(expected[0]);
        out.write(expected, 1, 1000);
        out.write(expected, 1001, expected.length - 1001);
        assertThat(Arrays.copyOf(out.array(), out.size())).isEqualTo(expected);
        out.release();
        assertThat(out.size()).isZero();
        out.skip(3);
        assertThat(Arrays.copyOf(out.array(), out.size())).hasSize(3);
    }

    @Test
    void arraysAreKeptFromTheFirstTakeUpToTheirCount() {
        ScratchArrays arrays = new ScratchArrays(3, SIZE);
        byte[] first = arrays.take(100);
        assertThat(first).hasSize(SIZE); // whatever the first taker asks for: it is kept for the next one
        arrays.give(first);
        List<byte[]> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) taken.add(arrays.take(100));
        assertThat(taken).allSatisfy(a -> assertThat(a).hasSize(SIZE)).contains(first);
        assertThat(arrays.take(100)).as("all three are out: one of the size asked for").hasSize(100);
        taken.forEach(arrays::give);
        for (int i = 0; i < 3; i++) assertThat(arrays.take(100)).isIn(taken);
        assertThat(arrays.take(100)).as("no fourth is ever made").hasSize(100);
    }

    @Test
    void anArrayIsLentToOneHolderAtATime() throws Exception {
        // every holder fills its array with its own byte and checks it after yielding: two holders of one array see
        // each other's bytes
        ScratchArrays arrays = new ScratchArrays(4, SIZE);
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
                        byte[] a = arrays.take(4096);
                        Arrays.fill(a, 0, 4096, mark);
                        Thread.yield();
                        for (int i = 0; i < 4096; i++) if (a[i] != mark) { clashes.incrementAndGet(); break; }
                        arrays.give(a);
                    } else {
                        ScratchArrays.Output out = arrays.output();
                        byte[] mine = new byte[4096];
                        Arrays.fill(mine, mark);
                        out.write(mine, 0, mine.length);
                        Thread.yield();
                        for (int i = 0; i < out.size(); i++) if (out.array()[i] != mark) { clashes.incrementAndGet(); break; }
                        out.release();
                        out.release(); // a second release must not lend the array twice
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
        ScratchArrays arrays = new ScratchArrays(4, SIZE);
        ScratchArrays.Output out = arrays.output();
        out.write(1);
        out.release();
        out.release();
        List<byte[]> taken = new ArrayList<>();
        for (int i = 0; i < 8; i++) taken.add(arrays.take(SIZE));
        assertThat(taken.stream().map(System::identityHashCode).distinct().count()).isEqualTo(taken.size());
    }

    @Test
    void onlyArraysOfTheKeptSizeAreKept() {
        ScratchArrays arrays = new ScratchArrays(2, SIZE);
        List<byte[]> taken = List.of(arrays.take(SIZE), arrays.take(SIZE));
        byte[] small = new byte[10];
        arrays.give(small);
        for (int i = 0; i < 5; i++) assertThat(arrays.take(10)).isNotSameAs(small);
        taken.forEach(arrays::give);
    }
}
