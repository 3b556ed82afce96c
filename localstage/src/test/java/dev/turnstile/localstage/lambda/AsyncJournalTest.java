package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.localstage.lambda.testfunctions.FlakyHandler;
import dev.turnstile.localstage.time.StageClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asynchronous invocation journal: an event pending when the stage stops runs at its next start with the
 * attempts it already used, a throttled event is retried (never run) until the maximum event age; pre-warmed
 * environments are ready when start() returns.
 */
class AsyncJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private Path journal(String requestId) {
        return dataDir.resolve("lambda/async/" + requestId + ".json");
    }

    private int journaledAttempts(String requestId) {
        try {
            return JSON.readTree(journal(requestId).toFile()).path("attempts").asInt(-1);
        } catch (IOException e) {
            return -1; // between the atomic moves of a rewrite: look again
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void pendingEventResumesAfterRestartWithTheAttemptsItAlreadyUsed() throws Exception {
        Path marks = dataDir.resolve("marks");
        Map<String, String> env = Map.of("MARK_FILE", marks.toString());
        // "4": the function fails until its fourth run; Lambda allows three (one try, two retries)
        byte[] event = "4".getBytes();
        LambdaOptions options = LambdaOptions.defaults().withPrewarm(1)
                .withAsyncRetryDelays(List.of(Duration.ofMillis(100), Duration.ofHours(1)));
        String requestId;
        try (LambdaService first = new LambdaService(TestStages.stage(
                TestStages.function("Flaky", FlakyHandler.class, 3, null, env)), new InMemoryLogSink(), dataDir, options)) {
            first.start();
            requestId = first.invokeAsync("Flaky", event);
            // two failed runs; the second retry waits an hour, so the stage stops with the event journaled
            await("two failed attempts journaled").atMost(WAIT).until(() -> journaledAttempts(requestId) == 2);
            assertThat(lines(marks)).containsExactly(requestId, requestId);
            assertThat(first.pendingAsyncInvocations()).isEqualTo(1);
        }
        assertThat(journaledAttempts(requestId)).isEqualTo(2);

        LambdaOptions restart = options.withAsyncRetryDelays(List.of(Duration.ofMillis(100), Duration.ofMillis(100)));
        try (LambdaService second = new LambdaService(TestStages.stage(
                TestStages.function("Flaky", FlakyHandler.class, 3, null, env)), new InMemoryLogSink(), dataDir, restart)) {
            second.start();
            // start() returned with the pre-warmed environment ready
            assertThat(second.environmentCount("Flaky")).isEqualTo(1);
            await("the resumed event to finish").atMost(WAIT).until(second::pendingAsyncInvocations, n -> n == 0);
            assertThat(second.environmentCount("Flaky")).isEqualTo(1);
        }
        // one more run, the last one Lambda allows: discarded after it failed. Had the restart forgotten the two
        // attempts, the event would have run three more times and succeeded on the fourth run.
        assertThat(lines(marks)).containsExactly(requestId, requestId, requestId);
        assertThat(journal(requestId)).doesNotExist();
    }

    @Test
    void throttledEventStaysJournaledUntilTheMaximumEventAgeThenIsDiscardedUnrun() throws Exception {
        Path marks = dataDir.resolve("marks");
        StageClock clock = new StageClock();
        LambdaOptions options = LambdaOptions.defaults().withPrewarm(0).withClock(clock)
                .withAsyncRetryDelays(List.of(Duration.ofMillis(50), Duration.ofMillis(50)))
                .withMaxEventAge(Duration.ofHours(6));
        // reserved concurrency 0: every attempt is throttled
        try (LambdaService service = new LambdaService(TestStages.stage(
                TestStages.function("Flaky", FlakyHandler.class, 3, 0, Map.of("MARK_FILE", marks.toString()))),
                new InMemoryLogSink(), dataDir, options)) {
            service.start();
            String requestId = service.invokeAsync("Flaky", "1".getBytes());
            assertThat(journal(requestId)).exists();
            // retried every 50 ms while throttled, and a throttle uses up no retry: still pending after many
            await("the throttled event to stay queued").during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                    .until(service::pendingAsyncInvocations, n -> n == 1);
            assertThat(journaledAttempts(requestId)).isZero();

            clock.advance(Duration.ofHours(6));
            await("the throttled event to age out").atMost(WAIT).until(service::pendingAsyncInvocations, n -> n == 0);
            assertThat(journal(requestId)).doesNotExist();
            assertThat(service.environmentCount("Flaky")).isZero();
        }
        assertThat(marks).doesNotExist();
    }
}
