package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.logs.LogSink.LogEvent;
import dev.turnstile.localstage.model.FunctionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution environment: a JVM running the runtime interface client for one function, fed one invocation
 * at a time through the Runtime API. It writes the platform lines ({@code INIT_START}, {@code START}, {@code END},
 * {@code REPORT}, timeouts, runtime exits) and the function's own output to its log stream, enforces the
 * function's timeout (by killing itself), and tells its pool when it is free again or gone.
 */
final class ExecutionEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEnvironment.class);
    /** The largest synchronous response Lambda returns (6 MB). */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    /** The shortest init limit of an environment started ahead of invocations (provisioned concurrency's 130 s). */
    static final Duration PROVISIONED_INIT_MIN = Duration.ofSeconds(130);
    /** How often the REPORT line's {@code Max Memory Used} is read again from {@code /proc}. */
    static final long MEMORY_READ_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    enum State { STARTING, IDLE, BUSY, DEAD }

    /** The pool's side of an environment's life. */
    interface Listener {
        /** The environment finished init or an invocation and can take the next one. */
        void idle(ExecutionEnvironment environment);

        /** The environment died or was killed; it takes no more invocations. */
        void gone(ExecutionEnvironment environment);
    }

    /** The held {@code GET …/invocation/next} of the runtime, answered when an invocation arrives. */
    interface NextWaiter {
        void send(Invocation invocation, long deadlineEpochMillis);

        void abandon();
    }

    final String id;
    final FunctionConfig function;
    final String streamName;
    private final String functionArn;
    private final String region;
    private final LogSink logs;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final Duration initTimeout;
    /** The init limit of this start ({@link #start(EnvironmentLauncher, Duration)}). */
    private volatile Duration initLimit;
    private final Path outputDir;

    private Process process;
    private volatile boolean stopping;
    private OutputTail output;
    private Path outputFile;
    private final long spawnNanos = System.nanoTime();
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    // guarded by this
    private State state = State.STARTING;
    private Double initDurationMillis;
    private boolean initDurationReported;
    private NextWaiter waiting;
    private Invocation assigned;
    private Invocation current;
    private byte[] initError;
    private long lastLogMillis;
    private long maxMemoryMb;
    private long lastMemoryReadNanos;
    private final List<String> initOutput = new ArrayList<>();

    ExecutionEnvironment(String id, FunctionConfig function, String functionArn, String region, LogSink logs, Clock clock,
                         ScheduledExecutorService scheduler, Listener listener, Duration initTimeout, Path outputDir) {
        this.id = id;
        this.function = function;
        this.functionArn = functionArn;
        this.region = region;
        this.logs = logs;
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
        this.initTimeout = initTimeout;
        this.outputDir = outputDir;
        this.streamName = PlatformLines.streamName(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), id);
    }

    /** Starts the JVM for an invocation waiting for it (on demand: Lambda's 10 s init limit); {@link #ready} completes at its first {@code next}. */
    void start(EnvironmentLauncher launcher) throws IOException {
        start(launcher, initTimeout);
    }

    /**
     * Starts the JVM with {@code initLimit} for its init phase: {@link #PROVISIONED_INIT_MIN} or the function's
     * timeout, whichever is longer, for an environment started ahead of any invocation (pre-warm), as for provisioned
     * concurrency, whose init is not held to the on-demand 10 s (docs/aws-behaviour.md §11).
     */
    void start(EnvironmentLauncher launcher, Duration initLimit) throws IOException {
        this.initLimit = initLimit;
        logs.ensureLogStream(function.logGroupName(), streamName);
        put(List.of(event(PlatformLines.initStart(function.runtime(), region))));
        outputFile = outputDir.resolve(id + ".out");
        process = launcher.launch(function, id, streamName, outputFile);
        output = new OutputTail(outputFile, this::onOutputLine);
        Thread reader = new Thread(output, "lambda-output-" + function.functionName() + "-" + id.substring(0, 8));
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(this::onExit);
        scheduler.schedule(this::onInitTimeout, initLimit.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized State state() {
        return state;
    }

    /** Gives this environment an invocation; false when it died meanwhile (the caller picks another). */
    boolean assign(Invocation invocation) {
        synchronized (this) {
            if (state == State.DEAD || current != null || assigned != null) {
                return false;
            }
            if (waiting != null && state != State.STARTING) {
                deliver(invocation, waiting);
                waiting = null;
            } else {
                assigned = invocation;
            }
            if (state == State.IDLE) {
                state = State.BUSY;
            }
            return true;
        }
    }

    /** Runtime API: the runtime asks for its next event. */
    void onNext(NextWaiter waiter) {
        boolean becameReady = false;
        boolean announceIdle = false;
        synchronized (this) {
            if (state == State.DEAD) {
                waiter.abandon();
                return;
            }
            if (state == State.STARTING) {
                initDurationMillis = (System.nanoTime() - spawnNanos) / 1e6;
                becameReady = true;
                state = assigned != null ? State.BUSY : State.IDLE;
                announceIdle = assigned == null;
            }
            if (assigned != null) {
                Invocation next = assigned;
                assigned = null;
                deliver(next, waiter);
            } else {
                waiting = waiter;
            }
        }
        // idle before ready: whoever waits for ready (start() of a pre-warmed pool) must find the environment idle
        if (announceIdle) {
            listener.idle(this);
        }
        if (becameReady) {
            ready.complete(null);
        }
    }

    // caller holds the lock
    private void deliver(Invocation invocation, NextWaiter waiter) {
        current = invocation;
        state = State.BUSY;
        invocation.startNanos = System.nanoTime();
        invocation.logEvents.add(event(PlatformLines.start(invocation.requestId)));
        long timeoutMillis = function.timeoutSeconds() * 1000L;
        invocation.timeoutTask = scheduler.schedule(() -> onTimeout(invocation), timeoutMillis, TimeUnit.MILLISECONDS);
        waiter.send(invocation, clock.millis() + timeoutMillis);
    }

    /**
     * Runtime API: the function answered. Returns what is left to do once the runtime has its {@code 202} — hand
     * the result to the caller and write the invocation's log events — or null when the request id is not the
     * running invocation. The runtime asks for its next event as soon as it has the 202, so it never waits for the
     * gateway's answer or the log store (the round trip the environment is busy for is the Runtime API's alone).
     */
    Runnable onResponse(String requestId, byte[] body) {
        return finish(requestId, duration -> body.length > MAX_RESPONSE_BYTES
                ? new InvocationResult(Outcome.FUNCTION_ERROR, errorBody("Function.ResponseSizeTooLarge",
                        "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."),
                        "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).",
                        "Function.ResponseSizeTooLarge", requestId, duration)
                : new InvocationResult(Outcome.SUCCESS, body, null, null, requestId, duration));
    }

    /** Runtime API: the handler threw. As {@link #onResponse}: what is left after the 202, or null for another id. */
    Runnable onError(String requestId, byte[] body, String errorTypeHeader) {
        return finish(requestId, duration -> LambdaErrors.functionError(requestId, body, errorTypeHeader, duration));
    }

    /**
     * Ends the running invocation {@code requestId} with the result {@code outcome} builds from its duration; what
     * is left after the runtime's 202, or null when {@code requestId} is not the running invocation.
     */
    private Runnable finish(String requestId, DoubleFunction<InvocationResult> outcome) {
        output.drainAll();
        Invocation done;
        InvocationResult result;
        synchronized (this) {
            if (current == null || !current.requestId.equals(requestId)) {
                return null;
            }
            done = current;
            result = outcome.apply(finishLocked(done));
        }
        // free before the caller hears back, so its next invocation finds this environment warm
        listener.idle(this);
        return () -> complete(done, result);
    }

    /** Runtime API: init failed; the runtime exits next, and the exit fails the waiting invocation. */
    synchronized void onInitError(byte[] body) {
        initError = body;
    }

    // caller holds the lock: ends the running invocation with END and REPORT; returns its duration
    private double finishLocked(Invocation done) {
        if (done.timeoutTask != null) {
            done.timeoutTask.cancel(false);
        }
        current = null;
        if (state != State.DEAD) {
            state = State.IDLE;
        }
        double duration = (System.nanoTime() - done.startNanos) / 1e6;
        Double init = null;
        if (!initDurationReported) {
            initDurationReported = true;
            init = initDurationMillis;
        }
        done.logEvents.add(event(PlatformLines.end(done.requestId)));
        done.logEvents.add(event(PlatformLines.report(done.requestId, duration, function.memorySizeMb(),
                maxMemoryUsedMb(), init)));
        return duration;
    }

    private void onTimeout(Invocation invocation) {
        output.drainAll();
        InvocationResult result;
        synchronized (this) {
            if (current != invocation) {
                return;
            }
            String message = LambdaErrors.timedOutMessage(function.timeoutSeconds());
            invocation.logEvents.add(event(PlatformLines.timedOut(clock.instant(), invocation.requestId, message)));
            double duration = finishLocked(invocation);
            state = State.DEAD;
            result = LambdaErrors.platformError(Outcome.TIMEOUT, invocation.requestId, "Sandbox.Timedout", message, duration);
        }
        LOG.info("function {} invocation {} timed out; killing environment {}", function.functionName(),
                invocation.requestId, id);
        process.destroyForcibly();
        complete(invocation, result);
        listener.gone(this);
    }

    private void onInitTimeout() {
        Invocation waitingInvocation;
        synchronized (this) {
            if (state != State.STARTING) {
                return;
            }
            state = State.DEAD;
            waitingInvocation = assigned;
            assigned = null;
        }
        String message = String.format(Locale.ROOT, "INIT phase timed out after %.2f seconds", initLimit.toMillis() / 1000.0);
        put(List.of(event("INIT_REPORT Init Duration: " + String.format(Locale.ROOT, "%.2f", (double) initLimit.toMillis())
                + " ms\tPhase: init\tStatus: timeout\n")));
        process.destroyForcibly();
        ready.completeExceptionally(new IllegalStateException("function " + function.functionName()
                + ": environment " + id + " did not finish init within " + initLimit.toMillis() + " ms"));
        if (waitingInvocation != null) {
            complete(waitingInvocation, LambdaErrors.platformError(Outcome.RUNTIME_ERROR, waitingInvocation.requestId,
                    "Sandbox.Timedout", message, 0));
        }
        listener.gone(this);
    }

    private void onExit() {
        Invocation running;
        Invocation waitingInvocation;
        NextWaiter held;
        byte[] initFailure;
        boolean wasDead;
        int exitCode = process.exitValue();
        output.close();
        deleteOutputFile();
        String message = exitCode > 128
                ? "Runtime exited with error: signal: " + signalName(exitCode - 128)
                : "Runtime exited with error: exit status " + exitCode;
        InvocationResult runningResult = null;
        synchronized (this) {
            wasDead = state == State.DEAD;
            state = State.DEAD;
            running = current;
            current = null;
            waitingInvocation = assigned;
            assigned = null;
            held = waiting;
            waiting = null;
            initFailure = initError;
            if (running != null) {
                running.logEvents.add(event(PlatformLines.runtimeExited(running.requestId, message, "Runtime.ExitError")));
                double duration = finishLocked(running);
                state = State.DEAD;
                runningResult = LambdaErrors.platformError(Outcome.RUNTIME_ERROR, running.requestId,
                        "Runtime.ExitError", message, duration);
            }
        }
        if (held != null) {
            held.abandon();
        }
        if (!ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException("function " + function.functionName()
                    + ": environment " + id + " exited during init (" + message + ")" + initOutputTail()));
        }
        if (running != null) {
            complete(running, runningResult);
        }
        if (waitingInvocation != null) {
            InvocationResult failed = initFailure != null
                    ? withOutcome(LambdaErrors.functionError(waitingInvocation.requestId, initFailure, "Runtime.ExitError", 0),
                            Outcome.RUNTIME_ERROR)
                    : LambdaErrors.platformError(Outcome.RUNTIME_ERROR, waitingInvocation.requestId, "Runtime.ExitError",
                            message, 0);
            waitingInvocation.logEvents.add(event(PlatformLines.start(waitingInvocation.requestId)));
            waitingInvocation.logEvents.add(event(PlatformLines.runtimeExited(waitingInvocation.requestId, message,
                    "Runtime.ExitError")));
            waitingInvocation.logEvents.add(event(PlatformLines.end(waitingInvocation.requestId)));
            complete(waitingInvocation, failed);
        }
        if (!wasDead) {
            if (running == null && waitingInvocation == null && !stopping) {
                LOG.warn("function {}: environment {} exited ({}){}", function.functionName(), id, message, initOutputTail());
            }
            listener.gone(this);
        }
    }

    /** Kills the environment (stage stopping); an invocation in flight ends with a runtime error. */
    void kill() {
        stopping = true;
        synchronized (this) {
            if (state == State.DEAD) {
                return;
            }
        }
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Waits for the process to be gone (after {@link #kill()}). */
    void awaitExit(Duration max) throws InterruptedException {
        if (process != null) {
            process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void deleteOutputFile() {
        try {
            Files.deleteIfExists(outputFile);
        } catch (IOException e) {
            LOG.warn("cannot delete the output file {} of {}", outputFile, this, e);
        }
    }

    private void onOutputLine(String line) {
        List<LogEvent> now = null;
        synchronized (this) {
            LogEvent e = event(line + "\n");
            if (current != null) {
                current.logEvents.add(e);
            } else {
                if (state == State.STARTING && initOutput.size() < 20) {
                    initOutput.add(line);
                }
                now = List.of(e);
            }
        }
        if (now != null) {
            put(now);
        }
    }

    // Completes the caller's future first (the gateway is waiting), then writes the invocation's log events.
    private void complete(Invocation invocation, InvocationResult result) {
        invocation.result.complete(result);
        List<LogEvent> events;
        synchronized (this) {
            events = List.copyOf(invocation.logEvents);
            invocation.logEvents.clear();
        }
        if (!events.isEmpty()) {
            put(events);
        }
    }

    private void put(List<LogEvent> events) {
        try {
            logs.putLogEvents(function.logGroupName(), streamName, events);
        } catch (RuntimeException e) {
            LOG.error("cannot write {} log events to {} {}", events.size(), function.logGroupName(), streamName, e);
        }
    }

    // caller may or may not hold the lock; timestamps never go backwards within the stream
    private synchronized LogEvent event(String message) {
        long now = Math.max(clock.millis(), lastLogMillis);
        lastLogMillis = now;
        return new LogEvent(now, message);
    }

    /**
     * VmHWM (peak resident set) of the environment's JVM, in MB; the last value read once it is gone. Read from
     * {@code /proc} at most every {@link #MEMORY_READ_INTERVAL_NANOS}: a high-water mark only grows, and reading
     * the status file on every invocation was a quarter of the stage's allocations at a few hundred invocations
     * per second (bench/README.md).
     */
    private synchronized long maxMemoryUsedMb() {
        long now = System.nanoTime();
        if (process != null && process.isAlive()
                && (lastMemoryReadNanos == 0 || now - lastMemoryReadNanos >= MEMORY_READ_INTERVAL_NANOS)) {
            lastMemoryReadNanos = now;
            try {
                long kb = ProcStatus.valueKb(Path.of("/proc", Long.toString(process.pid()), "status"), "VmHWM:");
                if (kb >= 0) {
                    maxMemoryMb = Math.max(maxMemoryMb, (kb + 1023) / 1024);
                }
            } catch (IOException e) {
                LOG.debug("cannot read memory use of environment {}: {}", id, e.toString());
            }
        }
        return maxMemoryMb;
    }

    private String initOutputTail() {
        synchronized (this) {
            return initOutput.isEmpty() ? "" : "; its output:\n  " + String.join("\n  ", initOutput);
        }
    }

    private static byte[] errorBody(String type, String message) {
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static InvocationResult withOutcome(InvocationResult r, Outcome outcome) {
        return new InvocationResult(outcome, r.payload(), r.errorMessage(), r.errorType(), r.lambdaRequestId(),
                r.durationMillis());
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            default -> "signal " + signal;
        };
    }

    @Override
    public String toString() {
        return "environment " + id + " of " + function.functionName();
    }
}
