package dev.turnstile.simulations.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.conformance.ledger.Ledger;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.RunSpec;
import dev.turnstile.simulations.verdict.Judge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge of two injectors' ThrottleRate runs: neither half alone is a verdict (each admitted about half of the
 * bucket), together they are judged like one run; folders that do not belong together are refused.
 */
class MergedRunTest {

    private static Path injector(Path runs, int index, int count, String simulation) {
        String runId = simulation + "-i" + index;
        try (Ledger ledger = Ledger.open(runs, runId)) {
            // the two injectors interleave on one bucket (rate 100, burst 200): injector i sends at 5 ms × (2k + i)
            for (int k = 0; k < 3000; k++) {
                long t = 5L * (2 * k + index);
                boolean admitted = t < 2000 || index == 0; // 400 while the burst lasts, then 100/s
                ledger.append(new LedgerEntry(runId, runId + "-" + k, "POST /items", "key", "allow",
                        admitted ? 200 : 429, admitted ? null : "TooManyRequestsException", 3, t, index,
                        "ThrottleRate:key-allow"));
            }
        }
        new RunSpec(simulation, runId, count, index, "local", "p", "key", 100, 200, 5000, 200, 30_000, 0.02, 2, 0,
                30_000, null, null, null, 0, null, 0.95).write(runs.resolve(runId));
        return runs.resolve(runId);
    }

    @Test
    void twoInjectorsAreJudgedAsOneRun(@TempDir Path runs) {
        MergeCommand.MergedRun merged = MergeCommand.MergedRun.of(List.of(injector(runs, 0, 2, "ThrottleRate"),
                injector(runs, 1, 2, "ThrottleRate")));
        assertThat(merged.entries()).hasSize(6000);
        assertThat(merged.entries()).isSortedAccordingTo((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
        assertThat(merged.spec().injectors()).isEqualTo(2);
        assertThat(merged.spec().runId()).startsWith("ThrottleRate-merged-");
        // 400 in the first 2 s, then injector 0 every 10 ms (100/s): 400 + 2800 = 3200
        List<LedgerEntry> admitted = new ArrayList<>(merged.entries().stream().filter(LedgerEntry::accepted).toList());
        assertThat(admitted).hasSize(3200);
        assertThat(Judge.forSimulation("ThrottleRate").judge(merged.spec(), merged.entries()).failures()).isEmpty();
    }

    @Test
    void foldersThatDoNotBelongTogetherAreRefused(@TempDir Path runs) {
        Path a = injector(runs, 0, 2, "ThrottleRate");
        assertThatThrownBy(() -> MergeCommand.MergedRun.of(List.of(a, injector(runs, 0, 2, "Burst"))))
                .hasMessageContaining("a Burst run").hasMessageContaining("merge runs of one simulation");
        assertThatThrownBy(() -> MergeCommand.MergedRun.of(List.of(a, a)))
                .hasMessageStartingWith("two run folders are injector 0");
        assertThatThrownBy(() -> MergeCommand.MergedRun.of(List.of(a, injector(runs, 1, 3, "ThrottleRate"))))
                .hasMessageContaining("ran as one of 3 injectors, but 2 run folders were given");
    }
}
