package dev.turnstile.conformance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    @TempDir
    Path runs;

    private static LedgerEntry entry(String run, int i) {
        return new LedgerEntry(run, "req-" + i, "POST /items", "key1", "allow", 200, null, 5, 1_000 + i, 0, "t");
    }

    @Test
    void concurrentAppendsAreAllReadBackOnePerLine() throws Exception {
        try (Ledger ledger = Ledger.open(runs, "run-1")) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 250;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        ledger.append(entry("run-1", base + i));
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(ledger.file()).isEqualTo(runs.resolve("run-1").resolve("ledger.jsonl"));
            List<LedgerEntry> read = Ledger.read(ledger.file());
            assertThat(read).hasSize(1000).containsExactlyInAnyOrderElementsOf(ledger.entries());
            assertThat(Files.readAllLines(ledger.file())).hasSize(1000);
        }
    }

    @Test
    void nullFieldsAreOmittedAndReadBackAsNull() throws Exception {
        try (Ledger ledger = Ledger.open(runs, "run-2")) {
            ledger.append(new LedgerEntry("run-2", null, "GET /nope", null, "missing", 0, null, 3, 7, 0, null));
            assertThat(Files.readString(ledger.file())).isEqualTo(
                    "{\"runId\":\"run-2\",\"route\":\"GET /nope\",\"tokenClass\":\"missing\",\"status\":0,"
                            + "\"latencyMs\":3,\"timeMs\":7,\"injector\":0}\n");
            assertThat(Ledger.read(ledger.file()).get(0).requestId()).isNull();
        }
    }

    @Test
    void refusesEntriesOfAnotherRunAndBadRunIds() {
        try (Ledger ledger = Ledger.open(runs, "run-3")) {
            assertThatThrownBy(() -> ledger.append(entry("other", 1)))
                    .hasMessage("entry of run other written to the ledger of run run-3");
        }
        assertThatThrownBy(() -> Ledger.open(runs, "../escape")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../escape");
    }

    @Test
    void malformedLineNamesFileAndLine() throws Exception {
        Path file = runs.resolve("bad.jsonl");
        Files.writeString(file, "{\"runId\":\"r\",\"status\":200}\nnot json\n");
        assertThatThrownBy(() -> Ledger.read(file)).hasMessageStartingWith("ledger " + file + " line 2 is not a ledger entry");
    }

    @Test
    void runIdsAreSafeAndDistinct() {
        String a = Ledger.newRunId("Routing IT");
        String b = Ledger.newRunId("Routing IT");
        assertThat(a).matches("Routing-IT-\\d{8}-\\d{6}-[0-9a-f]{6}").isNotEqualTo(b);
    }
}
