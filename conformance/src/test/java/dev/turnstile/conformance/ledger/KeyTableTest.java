package dev.turnstile.conformance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyTableTest {

    @Test
    void holdsEveryIdThroughGrowthAndMergesValues() {
        KeyTable table = new KeyTable(4);
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            long key = KeyTable.hash("id-" + i);
            table.put(key, i);
            expected.put(key, (long) i);
        }
        table.merge(KeyTable.hash("id-7"), 100, Long::sum);

        assertThat(table.size()).isEqualTo(10_000);
        assertThat(table.get(KeyTable.hash("id-7"), -1)).isEqualTo(107);
        assertThat(table.get(KeyTable.hash("id-9999"), -1)).isEqualTo(9_999);
        assertThat(table.contains(KeyTable.hash("id-10000"))).isFalse();
        assertThat(table.get(KeyTable.hash("other"), -1)).isEqualTo(-1);
        Map<Long, Long> seen = new HashMap<>();
        table.forEach(seen::put);
        expected.put(KeyTable.hash("id-7"), 107L);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void hashesAreSixtyFourBitsAndNeverZero() {
        assertThat(KeyTable.hash("a")).isNotEqualTo(KeyTable.hash("b")).isNotZero();
        assertThat(KeyTable.hash("")).isNotZero();
        assertThat(KeyTable.hash("C8lC7pCGwXG5tQE=")).isEqualTo(KeyTable.hash("C8lC7pCGwXG5tQE="));
    }

    @Test
    void packedSortIsStableOnEqualKeys() {
        long[] keys = {30, 10, 20, 10, 30};
        assertThat(PackedSort.order(keys, 5)).containsExactly(1, 3, 2, 0, 4);
        assertThat(PackedSort.order(keys, 0)).isEmpty();
    }
}
