package dev.turnstile.localstage.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.time.StageClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Lambda's metrics per invocation outcome (docs/aws-behaviour.md §8.5), per function and across all functions. */
class LambdaMetricsTest {

    private record Recorded(long timestampMillis, List<MetricDatum> data) { }

    private static final FunctionConfig WRITER = new FunctionConfig("Writer", "stack-writer", "x.Y::handle", "java21",
            Path.of("f.jar"), 512, 3, null, Map.of());

    private final StageClock clock = StageClock.frozenAt(Instant.parse("2026-11-25T10:00:00Z"));
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final LambdaMetrics metrics = new LambdaMetrics((t, data) -> recorded.add(new Recorded(t, data)), clock);

    @Test
    void aSuccessIsOneInvocationStampedWhenTheFunctionStarted() {
        CompletableFuture<InvocationResult> first = running();
        CompletableFuture<InvocationResult> second = running();
        clock.advance(Duration.ofMillis(40));
        first.complete(result(Outcome.SUCCESS, 12.4));
        second.complete(result(Outcome.FUNCTION_ERROR, 3.0));

        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0).timestampMillis()).isEqualTo(clock.millis() - 12);
        assertThat(values(recorded.get(0), Map.of("FunctionName", "stack-writer"))).isEqualTo(Map.of(
                "Invocations", 1.0, "Errors", 0.0, "Duration", 12.4, "ConcurrentExecutions", 1.0));
        assertThat(values(recorded.get(1), Map.of())).isEqualTo(Map.of(
                "Invocations", 1.0, "Errors", 1.0, "Duration", 3.0, "ConcurrentExecutions", 2.0));
    }

    @Test
    void aThrottleIsOnlyAThrottle() {
        metrics.invoked(WRITER, CompletableFuture.completedFuture(result(Outcome.THROTTLED, 0)));

        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).timestampMillis()).isEqualTo(clock.millis());
        assertThat(values(recorded.get(0), Map.of("FunctionName", "stack-writer"))).isEqualTo(Map.of("Throttles", 1.0));
        assertThat(values(recorded.get(0), Map.of())).isEqualTo(Map.of("Throttles", 1.0));

        // a throttled invocation never ran, so the next one finds no one in flight
        CompletableFuture<InvocationResult> next = running();
        next.complete(result(Outcome.SUCCESS, 1));
        assertThat(values(recorded.get(1), Map.of())).containsEntry("ConcurrentExecutions", 1.0);
    }

    @Test
    void timeoutsAndRuntimeExitsAreErrorsButAStoppingStageIsNoInvocation() {
        CompletableFuture<InvocationResult> timeout = running();
        CompletableFuture<InvocationResult> stopping = running();
        timeout.complete(result(Outcome.TIMEOUT, 3_000));
        stopping.complete(new InvocationResult(Outcome.RUNTIME_ERROR, new byte[0], "the local stage is stopping",
                "ServiceException", "id", 0));

        assertThat(recorded).hasSize(1);
        assertThat(values(recorded.get(0), Map.of("FunctionName", "stack-writer"))).containsEntry("Errors", 1.0);
    }

    /** An invocation of the writer that has started and not yet ended. */
    private CompletableFuture<InvocationResult> running() {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        metrics.invoked(WRITER, result);
        return result;
    }

    private static InvocationResult result(Outcome outcome, double durationMillis) {
        return new InvocationResult(outcome, new byte[0], null, null, "req", durationMillis);
    }

    private static Map<String, Double> values(Recorded r, Map<String, String> dimensions) {
        return r.data().stream().filter(d -> d.key().dimensions().equals(new java.util.TreeMap<>(dimensions)))
                .collect(Collectors.toMap(d -> d.key().metricName(), MetricDatum::value));
    }
}
