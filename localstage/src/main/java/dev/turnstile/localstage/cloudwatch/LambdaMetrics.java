package dev.turnstile.localstage.cloudwatch;

import dev.turnstile.localstage.lambda.InvocationListener;
import dev.turnstile.localstage.lambda.InvocationResult;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.model.FunctionConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the {@code AWS/Lambda} metrics of every invocation as Lambda does (docs/aws-behaviour.md §8.5), per
 * function ({@code FunctionName}) and across all functions (no dimension): {@code Invocations} 1 for each invocation
 * the function ran, {@code Errors} 0 or 1 (function errors, timeouts, runtime exits), {@code Duration} in milliseconds,
 * {@code ConcurrentExecutions} (invocations in flight when it started; view with Maximum), and {@code Throttles} 1 for
 * an invocation refused at the concurrency limit, which counts in no other metric.
 *
 * <p>Stamped on Lambda's clock when the function started — its end less its duration, the instant its
 * {@code START RequestId} line carries — since "the timestamp on an error metric reflects when the function was
 * invoked" (doc).
 */
public final class LambdaMetrics implements InvocationListener {

    /** The namespace of Lambda's metrics. */
    public static final String NAMESPACE = "AWS/Lambda";

    private static Map<String, MetricKey> keys(Map<String, String> dimensions) {
        return MetricKey.family(NAMESPACE, dimensions, "Invocations", "Errors", "Duration", "ConcurrentExecutions",
                "Throttles");
    }

    private final MetricSink sink;
    private final Clock clock;
    private final Map<String, MetricKey> account = keys(Map.of());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Map<String, MetricKey>> byFunction = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlightByFunction = new ConcurrentHashMap<>();

    /** {@code clock}: the Lambda service's own clock, the one its function logs are stamped with. */
    public LambdaMetrics(MetricSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void invoked(FunctionConfig function, CompletableFuture<InvocationResult> result) {
        String name = function.functionName();
        Map<String, MetricKey> fn = byFunction.computeIfAbsent(name, n -> keys(Map.of("FunctionName", n)));
        if (result.isDone() && result.join().outcome() == Outcome.THROTTLED) {
            throttled(fn);
            return;
        }
        AtomicInteger functionInFlight = inFlightByFunction.computeIfAbsent(name, n -> new AtomicInteger());
        int functionConcurrency = functionInFlight.incrementAndGet();
        int accountConcurrency = inFlight.incrementAndGet();
        result.whenComplete((done, failure) -> {
            functionInFlight.decrementAndGet();
            inFlight.decrementAndGet();
            if (done != null) {
                finished(fn, done, functionConcurrency, accountConcurrency);
            }
        });
    }

    private void throttled(Map<String, MetricKey> fn) {
        sink.record(clock.millis(), List.of(new MetricDatum(fn.get("Throttles"), MetricDatum.COUNT, 1),
                new MetricDatum(account.get("Throttles"), MetricDatum.COUNT, 1)));
    }

    private void finished(Map<String, MetricKey> fn, InvocationResult result, int functionConcurrency, int accountConcurrency) {
        if (result.outcome() == Outcome.THROTTLED) {
            throttled(fn); // waited for a free environment, then refused
            return;
        }
        if (result.outcome() == Outcome.NOT_FOUND || "ServiceException".equals(result.errorType())) {
            return; // never ran: no function, or the stage stopping — Lambda records no invocation for either
        }
        boolean error = result.outcome() != Outcome.SUCCESS;
        long started = clock.millis() - Math.round(result.durationMillis());
        List<MetricDatum> data = new ArrayList<>(10);
        for (Map<String, MetricKey> k : List.of(fn, account)) {
            data.add(new MetricDatum(k.get("Invocations"), MetricDatum.COUNT, 1));
            data.add(new MetricDatum(k.get("Errors"), MetricDatum.COUNT, error ? 1 : 0));
            data.add(new MetricDatum(k.get("Duration"), MetricDatum.MILLISECONDS, result.durationMillis()));
            data.add(new MetricDatum(k.get("ConcurrentExecutions"), MetricDatum.COUNT,
                    k == fn ? functionConcurrency : accountConcurrency));
        }
        sink.record(started, data);
    }
}
