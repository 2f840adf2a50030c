package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PieceCountsTest {

    @Test
    void aPieceSeenBeforeIsNotTokenizedAgain() {
        PieceCounts counts = new PieceCounts(100);
        AtomicInteger calls = new AtomicInteger();
        String text = "xx hello world yy";
        assertThat(counts.count(text, 3, 14, p -> { calls.incrementAndGet(); return p.length(); })).isEqualTo(11);
        assertThat(counts.count("hello world", 0, 11, p -> { calls.incrementAndGet(); return -1; })).isEqualTo(11);
        assertThat(calls).hasValue(1);
    }

    @Test
    void differentPiecesAreCountedEachOnItsOwn() {
        PieceCounts counts = new PieceCounts(100);
        assertThat(counts.count("ab", 0, 2, String::length)).isEqualTo(2);
        assertThat(counts.count("ba", 0, 2, p -> 7)).isEqualTo(7);
        assertThat(counts.count("abc", 0, 3, p -> 9)).isEqualTo(9);
    }

    @Test
    void staysWithinItsCapacity() {
        PieceCounts counts = new PieceCounts(10);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 25; i++) counts.count("piece " + i, 0, ("piece " + i).length(), p -> calls.incrementAndGet());
        assertThat(counts.size()).isLessThanOrEqualTo(10);
        assertThat(calls).hasValue(25);
    }
}
