package dev.turnstile.localstage.awslike;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The extra init an on-demand execution environment pays in the AWS-like mode (docs/aws-behaviour.md §15.4): the
 * environment's start is put off by the delay, so the invocation that needed it waits that much longer and its
 * {@code REPORT} line's {@code Init Duration} includes it. A burst that needs several new environments pays it once
 * per new environment, in parallel, as Lambda's scaling does; warm and pre-warmed environments never pay it.
 */
public final class ColdStartDelay {

    /** Runs a task after a delay; the stage uses a timer, tests record the call. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayMillis);
    }

    private static final ColdStartDelay NONE = new ColdStartDelay(Duration.ZERO, (task, delay) -> task.run());

    private final long delayMillis;
    private final Scheduler scheduler;

    public ColdStartDelay(Duration delay, Scheduler scheduler) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("cold-start delay must be >= 0, got " + delay);
        }
        this.delayMillis = delay.toMillis();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** No extra init: the exact local stage. */
    public static ColdStartDelay none() {
        return NONE;
    }

    /** The delay on a timer of its own (the JDK's delayed executor: environment starts never wait for each other). */
    public static ColdStartDelay of(Duration delay) {
        return delay.isZero() ? NONE : new ColdStartDelay(delay, (task, millis) ->
                CompletableFuture.runAsync(task, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)));
    }

    /** True when a cold start pays nothing extra. */
    public boolean isZero() {
        return delayMillis == 0;
    }

    public long delayMillis() {
        return delayMillis;
    }

    /** Starts a new environment: at once without a delay, else after it. */
    public void start(Runnable startEnvironment) {
        if (delayMillis == 0) {
            startEnvironment.run();
        } else {
            scheduler.schedule(startEnvironment, delayMillis);
        }
    }
}
