package dev.turnstile.simulations.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.reports.input.CapacityStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-step table from a synthetic Capacity ledger. */
class CapacityStepsTest {

    @Test
    void stepsCarryThroughputPercentilesAndErrorShare() {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // 50 req/s for 2 s, latency 1..100 ms
            entries.add(new LedgerEntry("r", "a" + i, "POST /items", "k", "allow", 200, null, i + 1, i * 20L, 0,
                    CapacitySteps.scenario("Capacity:key-allow", 50)));
        }
        for (int i = 0; i < 200; i++) { // 100 req/s for 2 s, every 10th a 500
            entries.add(new LedgerEntry("r", "b" + i, "POST /items", "k", "allow", i % 10 == 0 ? 500 : 200, null, 7,
                    10_000 + i * 10L, 0, CapacitySteps.scenario("Capacity:key-allow", 100)));
        }
        List<CapacityStep> steps = CapacitySteps.of(entries);
        assertThat(steps).containsExactly(
                new CapacityStep(50, 50.0, 50, 95, 99, 0.0, 100, 50.0),
                new CapacityStep(100, 90.0, 7, 7, 7, 0.1, 200, 100.0));
    }
}
