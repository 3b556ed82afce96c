package dev.turnstile.localstage.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.logs.LogSink.LogEvent;
import dev.turnstile.localstage.time.StageClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreTest {

    private static final EventPosition END = new EventPosition(Long.MAX_VALUE, Long.MAX_VALUE);

    @TempDir
    Path dir;

    private final StageClock clock = StageClock.frozenAt(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void groupsStreamsRetentionAndEventsSurviveReopening() {
        try (LogStore store = LogStore.open(dir, clock)) {
            store.ensureLogGroup("/aws/lambda/Writer", 14);
            store.putLogEvents("/aws/lambda/Writer", "2026/11/25/[$LATEST]abc",
                    List.of(new LogEvent(5, "START\n"), new LogEvent(6, "END\n")));
            clock.advance(Duration.ofSeconds(1));
            store.putLogEvents("/aws/lambda/Writer", "2026/11/25/[$LATEST]abc", List.of(new LogEvent(4, "late")));
            store.createLogGroup("other", null);
            store.createLogStream("other", "gone");
            store.deleteLogStream("other", "gone");
        }
        try (LogStore store = LogStore.open(dir, clock)) {
            assertThat(store.logGroups()).containsExactly(
                    new LogGroupInfo("/aws/lambda/Writer", 1_795_600_800_000L, 14, "STANDARD", 14),
                    new LogGroupInfo("other", 1_795_600_801_000L, null, "STANDARD", 0));
            assertThat(store.logStreams("/aws/lambda/Writer")).containsExactly(new LogStreamInfo(
                    "2026/11/25/[$LATEST]abc", 1_795_600_800_000L, 4L, 6L, 1_795_600_801_000L, 14));
            assertThat(store.logStreams("other")).isEmpty();
            List<StoredEvent> events = store.events("/aws/lambda/Writer", "2026/11/25/[$LATEST]abc",
                    EventPosition.FIRST, END, 100, true);
            assertThat(events).containsExactly(
                    new StoredEvent(new LogEvent(4, "late"), 1_795_600_801_000L, 3),
                    new StoredEvent(new LogEvent(5, "START\n"), 1_795_600_800_000L, 1),
                    new StoredEvent(new LogEvent(6, "END\n"), 1_795_600_800_000L, 2));
        }
    }

    @Test
    void strictOperationsAnswerWithAwsErrors() {
        try (LogStore store = LogStore.open(dir, clock)) {
            store.createLogGroup("g", null);
            assertThatThrownBy(() -> store.createLogGroup("g", null)).hasMessage("The specified log group already exists");
            assertThatThrownBy(() -> store.createLogStream("nope", "s"))
                    .hasMessage("The specified log group does not exist.");
            store.createLogStream("g", "s");
            assertThatThrownBy(() -> store.createLogStream("g", "s")).hasMessage("The specified log stream already exists");
            assertThatThrownBy(() -> store.appendLogEvents("g", "t", List.of(new LogEvent(1, "x"))))
                    .hasMessage("The specified log stream does not exist.");
        }
    }

    @Test
    void concurrentPutsToOneStreamKeepEveryEventOnceAndPerThreadOrder() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        try (LogStore store = LogStore.open(dir, clock)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        store.putLogEvents("g", "s", List.of(new LogEvent(42, thread + ":" + i)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertPerThreadOrder(store.events("g", "s", EventPosition.FIRST, END, Integer.MAX_VALUE, true),
                    threads, perThread);
        }
        try (LogStore reopened = LogStore.open(dir, clock)) {
            assertPerThreadOrder(reopened.events("g", "s", EventPosition.FIRST, END, Integer.MAX_VALUE, true),
                    threads, perThread);
        }
    }

    private static void assertPerThreadOrder(List<StoredEvent> events, int threads, int perThread) {
        assertThat(events).hasSize(threads * perThread);
        Map<Integer, Integer> next = new HashMap<>();
        long lastSequence = 0;
        for (StoredEvent event : events) {
            String[] parts = event.message().split(":");
            int thread = Integer.parseInt(parts[0]);
            int index = Integer.parseInt(parts[1]);
            assertThat(index).as("thread %d order", thread).isEqualTo(next.getOrDefault(thread, 0));
            next.put(thread, index + 1);
            assertThat(event.sequence()).isGreaterThan(lastSequence);
            lastSequence = event.sequence();
        }
        assertThat(next).hasSize(threads).allSatisfy((thread, count) -> assertThat(count).isEqualTo(perThread));
    }

    @Test
    void eventsWrittenBeforeKillMinusNineAreAllThereAfterReopening() throws Exception {
        int count = 5_000;
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                LogWriterMain.class.getName(), dir.toString(), Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("READY " + count);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (LogStore store = LogStore.open(dir, clock)) {
            List<StoredEvent> events = store.events("g", "s", EventPosition.FIRST, END, Integer.MAX_VALUE, true);
            assertThat(events).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(events.get(i).message()).isEqualTo("event-" + i);
                assertThat(events.get(i).timestamp()).isEqualTo(1_000_000L + i);
            }
        }
    }

    @Test
    void aTornTrailingRecordIsDroppedAndWritingContinuesAfterTheLastIntactOne() throws Exception {
        try (LogStore store = LogStore.open(dir, clock)) {
            for (int i = 0; i < 3; i++) {
                store.putLogEvents("g", "s", List.of(new LogEvent(i, "event-" + i)));
            }
        }
        Path journal = dir.resolve("journal.bin");
        long intact = Files.size(journal);
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.truncate(intact - 5); // the last record loses its tail, as in a crash mid-write
        }
        try (LogStore store = LogStore.open(dir, clock)) {
            assertThat(store.events("g", "s", EventPosition.FIRST, END, 10, true))
                    .extracting(StoredEvent::message).containsExactly("event-0", "event-1");
            store.putLogEvents("g", "s", List.of(new LogEvent(9, "after-crash")));
        }
        // garbage that is not even a full header
        Files.write(journal, new byte[] {0, 0, 1}, StandardOpenOption.APPEND);
        try (LogStore store = LogStore.open(dir, clock)) {
            assertThat(store.events("g", "s", EventPosition.FIRST, END, 10, true))
                    .extracting(StoredEvent::message).containsExactly("event-0", "event-1", "after-crash");
        }
        // a full-length record whose checksum does not match is torn too
        byte[] bogus = {0, 0, 0, 4, 1, 2, 3, 4, 9, 9, 9, 9};
        Files.write(journal, bogus, StandardOpenOption.APPEND);
        long before = Files.size(journal);
        try (LogStore store = LogStore.open(dir, clock)) {
            assertThat(store.events("g", "s", EventPosition.FIRST, END, 10, true)).hasSize(3);
        }
        assertThat(Files.size(journal)).isEqualTo(before - bogus.length);
    }

    @Test
    void aSingleEventPutCostsMicroseconds() {
        int count = 50_000;
        try (LogStore store = LogStore.open(dir, clock)) {
            String line = "{\"requestId\":\"0f2b7c3e-1d4a-4c55-9b1e-6c1a2f3d4e5f\",\"status\":\"200\",\"responseLength\":\"26\"}";
            for (int i = 0; i < 5_000; i++) { // warm-up
                store.putLogEvents("warm", "s", List.of(new LogEvent(i, line)));
            }
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                store.putLogEvents("access", "0123456789abcdef0123456789abcdef", List.of(new LogEvent(i, line)));
            }
            double micros = (System.nanoTime() - start) / 1_000.0 / count;
            System.out.printf("putLogEvents, one access-log event per call: %.1f us per call (%d calls)%n", micros, count);
            assertThat(micros).isLessThan(1_000);
        }
    }
}
