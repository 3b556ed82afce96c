package dev.turnstile.localstage.usageplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.usageplan.UsageJournal.Consumed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageJournalTest {

    @TempDir
    Path dir;

    private List<Consumed> replay() {
        List<Consumed> out = new ArrayList<>();
        UsageJournal.open(dir, out::add).close();
        return out;
    }

    @Test
    void aLineIsTextWithItsChecksumAndOnDiskWhenAwaitReturns() throws Exception {
        UsageJournal journal = UsageJournal.open(dir, c -> { });
        long ticket = journal.append(new Consumed("pln001", "keyaaaaaaa", 1, 1_795_600_000_000L));
        journal.awaitDurable(ticket);

        // read while the journal is still open: nothing more than the awaited commit put it there
        assertThat(Files.readString(dir.resolve("journal-00000001.log"), StandardCharsets.US_ASCII))
                .matches("c pln001 keyaaaaaaa 1 1795600000000 [0-9a-f]{8}\n");
        journal.close();
        assertThat(replay()).containsExactly(new Consumed("pln001", "keyaaaaaaa", 1, 1_795_600_000_000L));
    }

    @Test
    void concurrentAppendersShareCommitsAndEachKeyKeepsItsOrder() throws Exception {
        UsageJournal journal = UsageJournal.open(dir, c -> { });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String key = "key" + t;
            done.add(threads.submit(() -> {
                for (int seq = 1; seq <= 200; seq++) {
                    long ticket;
                    synchronized (key.intern()) {
                        ticket = journal.append(new Consumed("pln001", key, seq, seq));
                    }
                    journal.awaitDurable(ticket);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        journal.close();

        List<Consumed> lines = replay();
        assertThat(lines).hasSize(1_600);
        Map<String, List<Long>> byKey = lines.stream().collect(Collectors.groupingBy(Consumed::keyId,
                Collectors.mapping(Consumed::seq, Collectors.toList())));
        assertThat(byKey).hasSize(8).allSatisfy((key, seqs) -> {
            List<Long> sorted = new ArrayList<>(seqs);
            Collections.sort(sorted);
            assertThat(seqs).as(key).isEqualTo(sorted).hasSize(200);
        });
    }

    @Test
    void aTornLastLineIsDroppedAndTheRestReplayed() throws Exception {
        UsageJournal journal = UsageJournal.open(dir, c -> { });
        journal.awaitDurable(journal.append(new Consumed("pln001", "keyaaaaaaa", 1, 10)));
        journal.close();
        Path segment = dir.resolve("journal-00000001.log");
        // the write a SIGKILL cut short: part of a line, no newline
        Files.writeString(segment, "c pln001 keyaaaaaaa 2 2", StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(replay()).containsExactly(new Consumed("pln001", "keyaaaaaaa", 1, 10));
    }

    @Test
    void aDamagedLineBeforeIntactOnesStopsTheStartNamingFileAndLine() throws Exception {
        String good = new String(UsageJournal.format(new Consumed("pln001", "keyaaaaaaa", 1, 10)), StandardCharsets.US_ASCII);
        String changed = good.replace(" 1 10 ", " 9 10 ");
        String after = new String(UsageJournal.format(new Consumed("pln001", "keyaaaaaaa", 2, 11)), StandardCharsets.US_ASCII);
        Path segment = dir.resolve("journal-00000003.log");
        Files.writeString(segment, good + changed + after, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> UsageJournal.open(dir, c -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the usage journal segment " + segment + " is damaged at line 2 ('" + changed.strip()
                        + "') but has intact lines after it; move it away to start without the usage it records");
    }

    @Test
    void rotationFinishesTheSegmentAndLaterLinesGoToTheNextOne() {
        UsageJournal journal = UsageJournal.open(dir, c -> { });
        journal.awaitDurable(journal.append(new Consumed("pln001", "keyaaaaaaa", 1, 10)));
        journal.append(new Consumed("pln001", "keyaaaaaaa", 2, 11)); // queued, not yet awaited

        List<Path> finished = journal.rotate();
        long later = journal.append(new Consumed("pln001", "keyaaaaaaa", 3, 12));
        journal.awaitDurable(later);

        assertThat(finished).containsExactly(dir.resolve("journal-00000001.log"));
        UsageJournal.delete(finished);
        journal.close();
        assertThat(replay()).containsExactly(new Consumed("pln001", "keyaaaaaaa", 3, 12));
    }

    @Test
    void replayOverASnapshotCountsOnlyTheConsumptionsAfterIt() {
        dev.turnstile.localstage.model.UsagePlanConfig.Quota quota =
                new dev.turnstile.localstage.model.UsagePlanConfig.Quota(10, dev.turnstile.stage.usageplan.QuotaPeriod.DAY, 0);
        long day = 1_795_564_800_000L; // 2026-11-25T00:00Z
        QuotaCounter live = QuotaCounter.startingAt(quota, day);
        live.consume(day + 1);
        live.consume(day + 2);
        UsageStateStore.CounterSnapshot snapshot = live.snapshot(day + 2);
        // a kill after the snapshot was written but before its journal segment was deleted: 1..4 are replayed
        QuotaCounter restored = QuotaCounter.restore(quota, snapshot);
        List<Boolean> counted = new ArrayList<>();
        for (long seq = 1; seq <= 4; seq++) {
            counted.add(restored.replay(seq, day + seq));
        }

        assertThat(counted).containsExactly(false, false, true, true);
        assertThat(restored.used(day + 5)).isEqualTo(4);
        assertThat(restored.consume(day + 6)).isEqualTo(5);
    }

    @Test
    void idsThatWouldBreakTheLineAreRefused() {
        assertThatThrownBy(() -> UsageJournal.format(new Consumed("pln 001", "keyaaaaaaa", 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage plan and key ids must be 1-64 characters of [A-Za-z0-9_-], got pln 001 / keyaaaaaaa");
    }
}
