package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.lambda.testfunctions.FlakyHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asynchronous invocations pending when the stage stops run at its next start; pre-warmed environments. */
class AsyncJournalTest {

    @TempDir
    Path dataDir;

    @Test
    void pendingEventSurvivesCloseAndRunsAfterReopen() throws Exception {
        Path marks = dataDir.resolve("marks");
        Map<String, String> env = Map.of("MARK_FILE", marks.toString());
        LambdaOptions options = LambdaOptions.defaults().withPrewarm(0)
                .withAsyncRetryDelays(List.of(Duration.ofMillis(100), Duration.ofMillis(100)));
        String requestId;
        // reserved concurrency 0: every attempt is throttled, so the event stays queued
        try (LambdaService first = new LambdaService(TestStages.stage(
                TestStages.function("Flaky", FlakyHandler.class, 3, 0, env)), new InMemoryLogSink(), dataDir, options)) {
            first.start();
            requestId = first.invokeAsync("Flaky", "1".getBytes());
            Thread.sleep(300);
            assertThat(first.pendingAsyncInvocations()).isEqualTo(1);
        }
        assertThat(dataDir.resolve("lambda/async/" + requestId + ".json")).exists();
        assertThat(marks).doesNotExist();

        InMemoryLogSink logs = new InMemoryLogSink();
        try (LambdaService second = new LambdaService(TestStages.stage(
                TestStages.function("Flaky", FlakyHandler.class, 3, null, env)), logs, dataDir, options.withPrewarm(1))) {
            second.start();
            // start() returned with the pre-warmed environment ready
            assertThat(second.environmentCount("Flaky")).isEqualTo(1);
            long deadline = System.currentTimeMillis() + 20_000;
            while (second.pendingAsyncInvocations() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(second.pendingAsyncInvocations()).isZero();
            assertThat(second.environmentCount("Flaky")).isEqualTo(1);
        }
        assertThat(Files.readAllLines(marks)).containsExactly(requestId);
        assertThat(dataDir.resolve("lambda/async/" + requestId + ".json")).doesNotExist();
    }
}
