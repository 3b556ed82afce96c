package dev.turnstile.localstage.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.lambda.testfunctions.SleepHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cap is this machine's limit, not AWS's: an unreserved function beyond it waits for a free
 * environment (AWS would not throttle it), unless the stage is told to throttle at the cap.
 */
class LocalCapQueueTest {

    @TempDir
    Path dataDir;

    private static byte[] sleep(int millis) {
        return Integer.toString(millis).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void beyondTheLocalCapAnUnreservedFunctionWaitsForTheFreeEnvironment() throws Exception {
        InMemoryLogSink logs = new InMemoryLogSink();
        try (LambdaService service = new LambdaService(TestStages.stage(
                TestStages.function("Sleep", SleepHandler.class, 5, null, Map.of())),
                logs, dataDir, LambdaOptions.defaults().withPrewarm(1).withConcurrencyCap(1))) {
            service.start();
            CompletableFuture<InvocationResult> first = service.invoke("Sleep", sleep(800));
            CompletableFuture<InvocationResult> second = service.invoke("Sleep", sleep(0));

            assertThat(second.isDone()).as("the second invocation waits while the only environment is busy").isFalse();
            assertThat(first.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCESS);
            InvocationResult queued = second.get(20, TimeUnit.SECONDS);
            assertThat(queued.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(queued.payloadText()).isEqualTo("\"slept\"");
            assertThat(service.environmentCount("Sleep")).isEqualTo(1);
        }
    }

    @Test
    void throttleAtCapMakesTheLocalCapBehaveLikeReservedConcurrency() throws Exception {
        InMemoryLogSink logs = new InMemoryLogSink();
        try (LambdaService service = new LambdaService(TestStages.stage(
                TestStages.function("Sleep", SleepHandler.class, 5, null, Map.of())),
                logs, dataDir, LambdaOptions.defaults().withPrewarm(1).withConcurrencyCap(1).withThrottleAtCap(true))) {
            service.start();
            CompletableFuture<InvocationResult> first = service.invoke("Sleep", sleep(800));
            InvocationResult second = service.invoke("Sleep", sleep(0)).get(1, TimeUnit.SECONDS);

            assertThat(second.outcome()).isEqualTo(Outcome.THROTTLED);
            assertThat(second.errorType()).isEqualTo("TooManyRequestsException");
            assertThat(first.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCESS);
        }
    }
}
