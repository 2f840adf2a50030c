package dev.baton.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void aKeySeenBeforeIsNotComputedAgain() {
        var memo = new BoundedMemo<String, Integer>(1_000, (k, v) -> k.length(), k -> k);
        AtomicInteger calls = new AtomicInteger();
        assertThat(memo.get("hello world", k -> { calls.incrementAndGet(); return k.length(); })).isEqualTo(11);
        assertThat(memo.get(new String("hello world"), k -> { calls.incrementAndGet(); return -1; })).isEqualTo(11);
        assertThat(calls).hasValue(1);
    }

    @Test
    void keysAreExact() {
        var memo = new BoundedMemo<String, Integer>(1_000, (k, v) -> k.length(), k -> k);
        assertThat(memo.get("Aa", k -> 1)).isEqualTo(1);
        assertThat(memo.get("BB", k -> 2)).isEqualTo(2); // the same String.hashCode as "Aa"
    }

    @Test
    void aMutableKeyIsKeptAsItWasWhenStored() {
        var memo = new BoundedMemo<tools.jackson.databind.JsonNode, String>(1_000, (k, v) -> v.length(), tools.jackson.databind.JsonNode::deepCopy);
        var node = dev.baton.dialect.Json.MAPPER.createObjectNode().put("a", 1);
        assertThat(memo.get(node, Object::toString)).isEqualTo("{\"a\":1}");
        node.put("a", 2); // the request's tree is changed later, say by a vendor's schema rules
        assertThat(memo.get(node, Object::toString)).isEqualTo("{\"a\":2}");
        assertThat(memo.get(dev.baton.dialect.Json.MAPPER.createObjectNode().put("a", 1), k -> "recomputed")).isEqualTo("{\"a\":1}");
    }

    @Test
    void staysWithinItsWeight() {
        var memo = new BoundedMemo<String, Integer>(40, (k, v) -> k.length(), k -> k);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 25; i++) memo.get("piece " + i, k -> calls.incrementAndGet());
        assertThat(memo.size()).isLessThanOrEqualTo(40 / "piece 0".length());
        assertThat(calls).hasValue(25);
        assertThat(memo.get("x".repeat(100), k -> 3)).isEqualTo(3); // heavier than the whole memo: computed, not kept
        assertThat(memo.size()).isLessThanOrEqualTo(40 / "piece 0".length());
    }
}
