package dev.turnstile.localstage.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metric store keeps every value across a restart, drops only a torn last entry, and loses nothing under load. */
class MetricStoreTest {

    private static final long T = 1_795_000_020_000L; // 20 s into a minute
    private static final long MINUTE = T - 20_000;
    private static final MetricKey COUNT = MetricKey.of("AWS/ApiGateway", "Count", Map.of("ApiName", "a", "Stage", "Prod"));
    private static final MetricKey DURATION = MetricKey.of("AWS/Lambda", "Duration", Map.of("FunctionName", "w"));

    @TempDir
    Path dir;

    @Test
    void valuesSurviveAReopen() {
        try (MetricStore store = MetricStore.open(dir)) {
            store.record(T, List.of(new MetricDatum(COUNT, MetricDatum.COUNT, 1),
                    new MetricDatum(DURATION, MetricDatum.MILLISECONDS, 12.5)));
            store.record(T + 1_000, List.of(new MetricDatum(COUNT, MetricDatum.COUNT, 1)));
        }
        try (MetricStore reopened = MetricStore.open(dir)) {
            ValueCounts count = reopened.aggregate(COUNT, null, MINUTE, MINUTE + 60_000, 60_000).get(MINUTE);
            assertThat(count.basic("SampleCount")).isEqualTo(2.0);
            assertThat(count.basic("Sum")).isEqualTo(2.0);
            assertThat(reopened.aggregate(DURATION, "Milliseconds", MINUTE, MINUTE + 60_000, 60_000).get(MINUTE).basic("Maximum"))
                    .isEqualTo(12.5);
            assertThat(reopened.series()).extracting(MetricStore.SeriesView::key).containsExactlyInAnyOrder(COUNT, DURATION);
            // a series defined before the restart keeps taking values after it
            reopened.record(T + 2_000, List.of(new MetricDatum(COUNT, MetricDatum.COUNT, 1)));
            assertThat(reopened.aggregate(COUNT, null, MINUTE, MINUTE + 60_000, 60_000).get(MINUTE).basic("SampleCount"))
                    .isEqualTo(3.0);
        }
    }

    @Test
    void aTornLastEntryIsDroppedAndTheRestKept() throws IOException {
        try (MetricStore store = MetricStore.open(dir)) {
            store.record(T, List.of(new MetricDatum(COUNT, MetricDatum.COUNT, 1)));
        }
        Path journal = dir.resolve("journal.bin");
        long whole = Files.size(journal);
        // a kill -9 in the middle of a write: a length and half a payload
        Files.write(journal, new byte[] {0, 0, 0, 40, 'V', 1, 2, 3}, StandardOpenOption.APPEND);

        try (MetricStore reopened = MetricStore.open(dir)) {
            assertThat(Files.size(journal)).isEqualTo(whole);
            assertThat(reopened.aggregate(COUNT, null, MINUTE, MINUTE + 60_000, 60_000).get(MINUTE).basic("SampleCount"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        int threads = 8;
        int each = 2_000;
        try (MetricStore store = MetricStore.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    MetricKey own = MetricKey.of("Test", "Value", Map.of("Thread", Integer.toString(thread)));
                    for (int i = 0; i < each; i++) {
                        store.record(T + i, List.of(new MetricDatum(COUNT, MetricDatum.COUNT, 1),
                                new MetricDatum(own, MetricDatum.COUNT, i)));
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
        }
        try (MetricStore reopened = MetricStore.open(dir)) {
            NavigableMap<Long, ValueCounts> all = reopened.aggregate(COUNT, null, MINUTE, MINUTE + 120_000, 120_000);
            assertThat(all.get(MINUTE).basic("SampleCount")).isEqualTo((double) threads * each);
            assertThat(reopened.series()).hasSize(threads + 1);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        ValueCounts values = new ValueCounts();
        for (int i = 1; i <= 100; i++) {
            values.add(i);
        }
        assertThat(values.percentile(50)).isEqualTo(50.0);
        assertThat(values.percentile(99)).isEqualTo(99.0);
        assertThat(values.percentile(99.5)).isEqualTo(100.0);
        assertThat(values.percentile(0)).isEqualTo(1.0);
    }
}
