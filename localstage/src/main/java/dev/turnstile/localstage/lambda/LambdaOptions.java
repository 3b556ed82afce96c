package dev.turnstile.localstage.lambda;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the local Lambda service runs execution environments.
 *
 * @param concurrencyCap   local cap on environments per function (the function's reserved concurrency, when
 *                         lower, wins)
 * @param prewarm          environments started per function by {@link LambdaService#start()}
 * @param dynamoDbEndpoint {@code AWS_ENDPOINT_URL_DYNAMODB} given to every function, or null for none
 * @param javaExecutable   the {@code java} launcher for execution environments
 * @param initTimeout      longest init phase (JVM start to the first {@code next}); Lambda's is 10 s
 * @param asyncRetryDelays delays before each retry of a failed asynchronous invocation (Lambda: 1 min, 2 min)
 * @param maxEventAge      how long a throttled asynchronous event keeps being retried (Lambda: 6 h)
 * @param clock            wall clock for log timestamps, stream dates and deadlines
 * @param throttleAtCap    throttle invocations beyond the local cap as if it were reserved concurrency
 *                         (default false: they wait for a free environment, since AWS would not throttle an
 *                         unreserved function at this machine's cap)
 * @param tieredCompilation the environments' JIT: {@link TieredCompilation#LAMBDA} (Lambda's own) by default,
 *                         {@link TieredCompilation#FULL} for the JVM's C1 then C2
 */
public record LambdaOptions(
        int concurrencyCap,
        int prewarm,
        URI dynamoDbEndpoint,
        Path javaExecutable,
        Duration initTimeout,
        List<Duration> asyncRetryDelays,
        Duration maxEventAge,
        Clock clock,
        boolean throttleAtCap,
        TieredCompilation tieredCompilation) {

    public LambdaOptions {
        if (concurrencyCap < 1) {
            throw new IllegalArgumentException("concurrency cap must be at least 1, got " + concurrencyCap);
        }
        if (prewarm < 0 || prewarm > concurrencyCap) {
            throw new IllegalArgumentException("prewarm must be between 0 and the concurrency cap ("
                    + concurrencyCap + "), got " + prewarm);
        }
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(initTimeout, "initTimeout");
        asyncRetryDelays = List.copyOf(asyncRetryDelays);
        Objects.requireNonNull(maxEventAge, "maxEventAge");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tieredCompilation, "tieredCompilation");
    }

    /**
     * Lambda's defaults: cap 4, one pre-warmed environment, the running JVM's {@code java}, 10 s init, retries after
     * 1 and 2 min; Lambda's C1-only JIT flags ({@link TieredCompilation#LAMBDA}, measured faster here: bench/README.md).
     */
    public static LambdaOptions defaults() {
        return new LambdaOptions(4, 1, null, currentJava(), Duration.ofSeconds(10),
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), Duration.ofHours(6), Clock.systemUTC(), false,
                TieredCompilation.LAMBDA);
    }

    /** The {@code java} launcher of the running JVM ({@code java.home}). */
    public static Path currentJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    public LambdaOptions withConcurrencyCap(int value) {
        return new LambdaOptions(value, Math.min(prewarm, value), dynamoDbEndpoint, javaExecutable, initTimeout,
                asyncRetryDelays, maxEventAge, clock, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withPrewarm(int value) {
        return new LambdaOptions(concurrencyCap, value, dynamoDbEndpoint, javaExecutable, initTimeout,
                asyncRetryDelays, maxEventAge, clock, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withDynamoDbEndpoint(URI value) {
        return new LambdaOptions(concurrencyCap, prewarm, value, javaExecutable, initTimeout,
                asyncRetryDelays, maxEventAge, clock, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withJavaExecutable(Path value) {
        return new LambdaOptions(concurrencyCap, prewarm, dynamoDbEndpoint, value, initTimeout,
                asyncRetryDelays, maxEventAge, clock, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withInitTimeout(Duration value) {
        return new LambdaOptions(concurrencyCap, prewarm, dynamoDbEndpoint, javaExecutable, value,
                asyncRetryDelays, maxEventAge, clock, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withAsyncRetryDelays(List<Duration> value) {
        return new LambdaOptions(concurrencyCap, prewarm, dynamoDbEndpoint, javaExecutable, initTimeout,
                value, maxEventAge, clock, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withMaxEventAge(Duration value) {
        return new LambdaOptions(concurrencyCap, prewarm, dynamoDbEndpoint, javaExecutable, initTimeout,
                asyncRetryDelays, value, clock, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withClock(Clock value) {
        return new LambdaOptions(concurrencyCap, prewarm, dynamoDbEndpoint, javaExecutable, initTimeout,
                asyncRetryDelays, maxEventAge, value, throttleAtCap, tieredCompilation);
    }

    public LambdaOptions withThrottleAtCap(boolean value) {
        return new LambdaOptions(concurrencyCap, prewarm, dynamoDbEndpoint, javaExecutable, initTimeout,
                asyncRetryDelays, maxEventAge, clock, value, tieredCompilation);
    }

    public LambdaOptions withTieredCompilation(TieredCompilation value) {
        return new LambdaOptions(concurrencyCap, prewarm, dynamoDbEndpoint, javaExecutable, initTimeout,
                asyncRetryDelays, maxEventAge, clock, throttleAtCap, value);
    }
}
