package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScannedValuesTest {
    private static final String VALUE = "{\"role\":\"user\",\"content\":\"" + "a coding agent's turn ".repeat(20) + "\"}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The value's bytes from byte 3 of a body, as the scan offers them. */
    private static void offer(ScannedValues memo, String value, boolean holds) {
        byte[] body = utf8("[1," + value + "]");
        memo.offer(body, 3, 3 + utf8(value).length, 2, "thinking", holds);
    }

    @Test
    void knowsAValueFromItsSecondSightingByItsExactBytes() {
        ScannedValues memo = new ScannedValues(1 << 20);
        byte[] body = utf8("[" + VALUE + "]");
        offer(memo, VALUE, true);
        assertThat(memo.at(body, 1, 2, "thinking")).as("seen once").isNull();
        offer(memo, VALUE, true);
        ScannedValues.Known known = memo.at(body, 1, 2, "thinking");
        assertThat(known).isNotNull();
        assertThat(known.bytes()).isEqualTo(utf8(VALUE));
        assertThat(known.holdsWatched()).isTrue();

        assertThat(memo.at(body, 1, 3, "thinking")).as("another depth").isNull();
        assertThat(memo.at(body, 1, 2, null)).as("scanned watching for another string").isNull();
        byte[] changed = body.clone();
        changed[changed.length - 5] = 'X';
        assertThat(memo.at(changed, 1, 2, "thinking")).as("one byte changed near the end").isNull();
        byte[] cut = utf8("[" + VALUE.substring(0, VALUE.length() - 1));
        assertThat(memo.at(cut, 1, 2, "thinking")).as("the body ends inside it").isNull();
    }

    @Test
    void valuesWithTheSameOpeningBytesAreToldApart() {
        ScannedValues memo = new ScannedValues(1 << 20);
        String other = VALUE.replace("turn \"}", "turn!\"}");
        for (int i = 0; i < 2; i++) {
            offer(memo, VALUE, false);
            offer(memo, other, true);
        }
        assertThat(memo.at(utf8("[" + VALUE + "]"), 1, 2, "thinking").holdsWatched()).isFalse();
        assertThat(memo.at(utf8("[" + other + "]"), 1, 2, "thinking").holdsWatched()).isTrue();
    }

    @Test
    void forgetsEverythingPastItsBound() {
        ScannedValues memo = new ScannedValues(utf8(VALUE).length * 2L);
        String second = VALUE.replace("a coding", "b coding");
        String third = VALUE.replace("a coding", "c coding");
        for (String v : new String[] {VALUE, VALUE, second, second}) offer(memo, v, false);
        assertThat(memo.at(utf8("[" + VALUE + "]"), 1, 2, "thinking")).isNotNull();
        offer(memo, third, false);
        offer(memo, third, false); // a third value's bytes go past the bound: the first two are forgotten
        assertThat(memo.at(utf8("[" + VALUE + "]"), 1, 2, "thinking")).isNull();
        assertThat(memo.at(utf8("[" + third + "]"), 1, 2, "thinking")).isNotNull();
    }

    @Test
    void smallValuesAreNotKept() {
        ScannedValues memo = new ScannedValues(1 << 20);
        String small = "{\"role\":\"user\",\"content\":\"hi\"}";
        offer(memo, small, false);
        offer(memo, small, false);
        assertThat(memo.at(utf8("[" + small + "]" + " ".repeat(300)), 1, 2, "thinking")).isNull();
    }
}
