package dev.turnstile.simulations.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.capacity.CapacitySteps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Capacity verdict states the knee and where the limit showed, and refuses a knee the injector did not offer. */
class CapacityJudgeTest {

    /** {@code seconds} of a step offered at {@code offered} and sent at {@code sent} req/s, every answer {@code latency}. */
    private static void step(List<LedgerEntry> out, double offered, double sent, long startMs, int seconds,
                             long latency) {
        int n = (int) Math.round(sent * seconds);
        for (int i = 0; i < n; i++) {
            out.add(Runs.entry(CapacitySteps.scenario("Capacity:key-allow", offered), 200, null,
                    startMs + Math.round(i * 1000.0 / sent), latency));
        }
    }

    @Test
    void theKneeIsTheLastStepUnderTheThresholdAndTheLimitShowsAboveIt() {
        List<LedgerEntry> entries = new ArrayList<>();
        step(entries, 100, 100, 0, 10, 8);
        step(entries, 200, 200, 10_000, 10, 12);
        step(entries, 400, 398, 20_000, 10, 2_400);
        Verdict v = new CapacityJudge().judge(Runs.spec("Capacity", 100000, 50000, 0, 400, "local"), entries);
        assertThat(v.failures()).isEmpty();
        assertThat(v.observed().get("knee")).isEqualTo(
                "200 req/s offered (sent 200.0): 200.0 carried, p50 12 ms, p99 12 ms, errors 0.0 %");
        assertThat((String) v.observed().get("limit")).startsWith("showed at 400 req/s offered (sent 398.0)");
    }

    @Test
    void everyStepUnderTheThresholdMeansTheLimitWasNotReached() {
        List<LedgerEntry> entries = new ArrayList<>();
        step(entries, 100, 100, 0, 5, 8);
        Verdict v = new CapacityJudge().judge(Runs.spec("Capacity", 100000, 50000, 0, 100, "local"), entries);
        assertThat(v.observed().get("limit")).isEqualTo("not reached: every step up to 100 req/s stayed under p99 "
                + "1000 ms; raise -Dturnstile.capacity.steps to find it");
    }

    @Test
    void aKneeStepTheInjectorCouldNotSendIsNotMeasured() {
        List<LedgerEntry> entries = new ArrayList<>();
        step(entries, 100, 100, 0, 10, 8);
        step(entries, 200, 150, 10_000, 10, 12);
        Verdict v = new CapacityJudge().judge(Runs.spec("Capacity", 100000, 50000, 0, 200, "local"), entries);
        assertThat(v.failures()).singleElement().satisfies(f -> assertThat(f).startsWith(
                "Capacity: NOT MEASURED: the step at 200 req/s was sent at 150.0 req/s; this machine could not "
                        + "generate the load"));
    }
}
