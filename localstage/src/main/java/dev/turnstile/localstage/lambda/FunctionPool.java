package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.awslike.ColdStartDelay;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.model.FunctionConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution environments of one function: warm ones are reused (most recently used first), a new one is
 * started (cold start) when all are busy, up to the function's concurrency limit.
 *
 * <p>Beyond the limit: when the limit is the function's {@code ReservedConcurrentExecutions}, the invocation
 * is throttled at once, as Lambda does. When it is only the local cap (a resource limit of this machine, not
 * an AWS limit: an unreserved function on AWS is bounded by the account's 1,000 concurrent executions), the
 * invocation waits for the next free environment instead of failing with a throttle AWS would never give —
 * unless the pool was built to throttle at the cap too ({@code --cap-overflow throttle}).
 */
final class FunctionPool implements ExecutionEnvironment.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionPool.class);

    final FunctionConfig function;
    final int concurrencyLimit;
    /** Queue (rather than throttle) invocations beyond the limit. */
    private final boolean queueBeyondLimit;
    private final Function<FunctionPool, ExecutionEnvironment> factory;
    private final EnvironmentLauncher launcher;
    /** Extra init of an on-demand environment (AWS-like mode; none by default). */
    private final ColdStartDelay coldStart;

    // guarded by this
    private final List<ExecutionEnvironment> environments = new ArrayList<>();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    /** Invocations waiting for a free environment (only when {@link #queueBeyondLimit}). */
    private final Deque<Invocation> waiting = new ArrayDeque<>();
    private boolean closed;

    /** Most invocations that may wait for an environment; more are throttled (bounded memory under overload). */
    static final int MAX_WAITING = 10_000;

    FunctionPool(FunctionConfig function, int concurrencyLimit, EnvironmentLauncher launcher,
                 Function<FunctionPool, ExecutionEnvironment> factory) {
        this(function, concurrencyLimit, false, launcher, factory, ColdStartDelay.none());
    }

    FunctionPool(FunctionConfig function, int concurrencyLimit, boolean queueBeyondLimit, EnvironmentLauncher launcher,
                 Function<FunctionPool, ExecutionEnvironment> factory, ColdStartDelay coldStart) {
        this.coldStart = coldStart;
        this.function = function;
        this.concurrencyLimit = concurrencyLimit;
        this.queueBeyondLimit = queueBeyondLimit;
        this.launcher = launcher;
        this.factory = factory;
    }

    /** A new random environment id: 32 lowercase hex digits, as in Lambda's stream names. */
    static String newEnvironmentId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Runs an invocation on a warm environment, a new one, or throttles it. */
    CompletableFuture<InvocationResult> invoke(Invocation invocation) {
        while (true) {
            ExecutionEnvironment chosen;
            boolean cold = false;
            synchronized (this) {
                if (closed) {
                    return CompletableFuture.completedFuture(LambdaErrors.platformError(Outcome.RUNTIME_ERROR,
                            invocation.requestId, "ServiceException", "the local stage is stopping", 0));
                }
                chosen = idle.pollFirst();
                if (chosen == null) {
                    if (environments.size() >= concurrencyLimit) {
                        if (queueBeyondLimit && waiting.size() < MAX_WAITING) {
                            waiting.addLast(invocation);
                            return invocation.result;
                        }
                        return CompletableFuture.completedFuture(new InvocationResult(Outcome.THROTTLED, new byte[0],
                                "Rate Exceeded.", "TooManyRequestsException", invocation.requestId, 0));
                    }
                    chosen = factory.apply(this);
                    environments.add(chosen);
                    cold = true;
                }
            }
            if (cold) {
                // assigned before it starts, so its first next receives this invocation
                chosen.assign(invocation);
                if (!coldStart.isZero()) {
                    ExecutionEnvironment delayed = chosen;
                    coldStart.start(() -> startDelayed(delayed, invocation));
                    return invocation.result;
                }
                if (!startEnvironment(chosen)) {
                    return CompletableFuture.completedFuture(LambdaErrors.platformError(Outcome.RUNTIME_ERROR,
                            invocation.requestId, "Runtime.ExitError", "cannot start the execution environment", 0));
                }
                return invocation.result;
            }
            if (chosen.assign(invocation)) {
                return invocation.result;
            }
            // it died between becoming idle and now: try the next one
        }
    }

    /** Starts {@code count} environments in parallel and returns when all are ready (or fails with the first failure). */
    void prewarm(int count) {
        List<ExecutionEnvironment> started = new ArrayList<>();
        synchronized (this) {
            int n = Math.min(count, concurrencyLimit) - environments.size();
            for (int i = 0; i < n; i++) {
                ExecutionEnvironment env = factory.apply(this);
                environments.add(env);
                started.add(env);
            }
        }
        // started ahead of any invocation: provisioned concurrency's init limit, not the on-demand 10 s
        Duration functionTimeout = Duration.ofSeconds(function.timeoutSeconds());
        Duration initLimit = functionTimeout.compareTo(ExecutionEnvironment.PROVISIONED_INIT_MIN) > 0
                ? functionTimeout : ExecutionEnvironment.PROVISIONED_INIT_MIN;
        for (ExecutionEnvironment env : started) {
            startEnvironment(env, initLimit);
        }
        CompletableFuture.allOf(started.stream().map(e -> e.ready).toArray(CompletableFuture[]::new)).join();
    }

    private boolean startEnvironment(ExecutionEnvironment env) {
        return startEnvironment(env, null);
    }

    /** The start of a cold environment after the AWS-like init delay; nothing is started once the pool closed. */
    private void startDelayed(ExecutionEnvironment env, Invocation invocation) {
        boolean stopping;
        synchronized (this) {
            stopping = closed;
        }
        if (stopping) {
            gone(env);
            invocation.result.complete(LambdaErrors.platformError(Outcome.RUNTIME_ERROR, invocation.requestId,
                    "ServiceException", "the local stage is stopping", 0));
        } else if (!startEnvironment(env)) {
            invocation.result.complete(LambdaErrors.platformError(Outcome.RUNTIME_ERROR, invocation.requestId,
                    "Runtime.ExitError", "cannot start the execution environment", 0));
        }
    }

    /** Starts {@code env} with its on-demand init limit, or {@code initLimit} when given (pre-warm). */
    private boolean startEnvironment(ExecutionEnvironment env, Duration initLimit) {
        try {
            if (initLimit == null) {
                env.start(launcher);
            } else {
                env.start(launcher, initLimit);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("function {}: cannot start execution environment {}", function.functionName(), env.id, e);
            env.ready.completeExceptionally(e);
            gone(env);
            return false;
        }
    }

    @Override
    public void idle(ExecutionEnvironment environment) {
        Invocation next;
        synchronized (this) {
            if (closed || !environments.contains(environment) || environment.state() == ExecutionEnvironment.State.DEAD) {
                return;
            }
            next = waiting.pollFirst();
            if (next == null) {
                idle.remove(environment);
                idle.addFirst(environment);
                return;
            }
        }
        // a waiting invocation takes the environment that just became free (assigned outside the pool's lock,
        // so the pool never holds its lock while taking an environment's)
        if (!environment.assign(next)) {
            resubmit(next);
        }
    }

    @Override
    public void gone(ExecutionEnvironment environment) {
        Invocation next;
        synchronized (this) {
            environments.remove(environment);
            idle.remove(environment);
            next = closed ? null : waiting.pollFirst();
        }
        if (next != null) {
            // capacity freed by a dead environment: a waiting invocation gets a new (cold) one
            resubmit(next);
        }
    }

    /** Runs a waiting invocation again through {@link #invoke}, completing its own future with the outcome. */
    private void resubmit(Invocation invocation) {
        CompletableFuture<InvocationResult> outcome = invoke(invocation);
        if (outcome != invocation.result) {
            outcome.thenAccept(invocation.result::complete);
        }
    }

    /** Environments alive or starting. */
    synchronized int size() {
        return environments.size();
    }

    /** Environments, for the stage's shutdown and for tests. */
    synchronized List<ExecutionEnvironment> environments() {
        return List.copyOf(environments);
    }

    /** Stops taking invocations and kills every environment. */
    void close() {
        List<ExecutionEnvironment> all;
        List<Invocation> abandoned;
        synchronized (this) {
            closed = true;
            all = List.copyOf(environments);
            idle.clear();
            abandoned = List.copyOf(waiting);
            waiting.clear();
        }
        for (Invocation invocation : abandoned) {
            invocation.result.complete(LambdaErrors.platformError(Outcome.RUNTIME_ERROR, invocation.requestId,
                    "ServiceException", "the local stage is stopping", 0));
        }
        all.forEach(ExecutionEnvironment::kill);
        for (ExecutionEnvironment env : all) {
            try {
                env.awaitExit(java.time.Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
