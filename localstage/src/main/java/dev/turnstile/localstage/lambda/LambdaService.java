package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.awslike.ColdStartDelay;
import dev.turnstile.localstage.lambda.InvocationResult.Outcome;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.StageModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The local Lambda service: a pool of execution environments per function of the stage, the Runtime API they
 * talk to, and the asynchronous ({@code Event}) invocation queue. Implements {@link LambdaInvoker} for the
 * gateway; {@link LambdaInvokeFace} serves it to Lambda clients.
 *
 * <p>Use: {@code new LambdaService(model, logSink, dataDir, options)}, {@link #start()} (returns when the
 * pre-warmed environments are ready), {@link #invoke}, {@link #close()}.
 */
public final class LambdaService implements LambdaInvoker, AutoCloseable {

    private final StageModel model;
    private final LogSink logs;
    private final Path dataDir;
    private final LambdaOptions options;
    private final ColdStartDelay coldStart;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final RuntimeApiFace runtimeApi;
    private RuntimeApiServer server;
    private AsyncInvocationQueue asyncQueue;
    private volatile boolean started;
    private volatile InvocationListener listener = (function, result) -> { };

    public LambdaService(StageModel model, LogSink logs, Path dataDir, LambdaOptions options) {
        this(model, logs, dataDir, options, ColdStartDelay.none());
    }

    /** A service whose on-demand environments pay {@code coldStart} before they start (AWS-like mode). */
    public LambdaService(StageModel model, LogSink logs, Path dataDir, LambdaOptions options, ColdStartDelay coldStart) {
        this.coldStart = java.util.Objects.requireNonNull(coldStart, "coldStart");
        this.model = model;
        this.logs = logs;
        this.dataDir = dataDir;
        this.options = options;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = Executors.defaultThreadFactory().newThread(runnable);
            t.setName("lambda-timers");
            t.setDaemon(true);
            return t;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.runtimeApi = new RuntimeApiFace("arn:aws:lambda:" + model.region() + ":" + model.accountId() + ":function:");
    }

    /**
     * Unpacks the runtime, starts the Runtime API, creates the log groups, starts the pre-warmed environments
     * (all functions in parallel) and resumes journaled asynchronous invocations. Fails with the environment's
     * output when a function cannot start.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the Lambda service is already started");
        }
        RuntimeDistribution runtime = RuntimeDistribution.extract(dataDir.resolve("lambda").resolve("runtime"));
        server = new RuntimeApiServer(runtimeApi);
        server.start();
        EnvironmentLauncher launcher = new EnvironmentLauncher(runtime, options, model.region(), server.hostPort());
        for (FunctionConfig function : model.functions().values()) {
            logs.ensureLogGroup(function.logGroupName(), null);
            boolean reservedLimits = function.reservedConcurrency() != null
                    && function.reservedConcurrency() <= options.concurrencyCap();
            int limit = reservedLimits ? function.reservedConcurrency() : options.concurrencyCap();
            // only reserved concurrency throttles as on AWS; the local cap queues unless told to throttle
            boolean queue = !reservedLimits && !options.throttleAtCap();
            pools.put(function.logicalId(), new FunctionPool(function, limit, queue, launcher,
                    pool -> newEnvironment(function, pool), coldStart));
        }
        started = true;
        try {
            CompletableFuture.allOf(pools.values().stream()
                    .map(pool -> CompletableFuture.runAsync(() -> pool.prewarm(options.prewarm())))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw new IllegalStateException("cannot start the functions' execution environments: "
                    + e.getCause().getMessage(), e.getCause());
        }
        asyncQueue = new AsyncInvocationQueue(dataDir.resolve("lambda").resolve("async"), this, scheduler,
                options.asyncRetryDelays(), options.maxEventAge(), options.clock());
        asyncQueue.resume();
    }

    private ExecutionEnvironment newEnvironment(FunctionConfig function, FunctionPool pool) {
        ExecutionEnvironment.Listener listener = new ExecutionEnvironment.Listener() {
            @Override
            public void idle(ExecutionEnvironment environment) {
                pool.idle(environment);
            }

            @Override
            public void gone(ExecutionEnvironment environment) {
                runtimeApi.unregister(environment);
                pool.gone(environment);
            }
        };
        ExecutionEnvironment env = new ExecutionEnvironment(FunctionPool.newEnvironmentId(), function,
                function.arn(model.region(), model.accountId()), model.region(), logs, options.clock(), scheduler,
                listener, options.initTimeout(), dataDir.resolve("lambda").resolve("environments"));
        runtimeApi.register(env);
        return env;
    }

    @Override
    public CompletableFuture<InvocationResult> invoke(String functionLogicalIdOrName, byte[] payload,
                                                      String traceHeader) {
        return invokeAs(UUID.randomUUID().toString(), functionLogicalIdOrName, payload, traceHeader);
    }

    /** Invokes with a given Lambda request id (asynchronous retries reuse theirs). */
    CompletableFuture<InvocationResult> invokeAs(String requestId, String functionLogicalIdOrName, byte[] payload,
                                                 String traceHeader) {
        if (!started) {
            throw new IllegalStateException("the Lambda service is not started");
        }
        Optional<FunctionConfig> function = model.function(functionLogicalIdOrName);
        if (function.isEmpty()) {
            return CompletableFuture.completedFuture(new InvocationResult(Outcome.NOT_FOUND, new byte[0],
                    "Function not found: " + functionLogicalIdOrName, "ResourceNotFoundException", requestId, 0));
        }
        CompletableFuture<InvocationResult> result = pools.get(function.get().logicalId())
                .invoke(new Invocation(requestId, payload, traceHeader));
        listener.invoked(function.get(), result);
        return result;
    }

    /** Tells {@code value} of every invocation from now on (the stage's Lambda metrics). */
    public void listen(InvocationListener value) {
        this.listener = java.util.Objects.requireNonNull(value, "listener");
    }

    /**
     * Queues an asynchronous ({@code Event}) invocation durably and returns its Lambda request id at once; it
     * runs on the same environments and is retried twice on failure.
     */
    public String invokeAsync(String functionLogicalIdOrName, byte[] payload) {
        FunctionConfig function = model.function(functionLogicalIdOrName)
                .orElseThrow(() -> new IllegalArgumentException("no function " + functionLogicalIdOrName));
        return asyncQueue.enqueue(function.logicalId(), payload);
    }

    /** The function with this logical id or name. */
    public Optional<FunctionConfig> function(String logicalIdOrName) {
        return model.function(logicalIdOrName);
    }

    /** The stage this service runs. */
    public StageModel model() {
        return model;
    }

    /** Environments alive or starting for a function (for tests and diagnostics). */
    public int environmentCount(String functionLogicalIdOrName) {
        return model.function(functionLogicalIdOrName).map(f -> pools.get(f.logicalId()).size()).orElse(0);
    }

    /** Asynchronous invocations journaled and not yet finished. */
    public int pendingAsyncInvocations() {
        return asyncQueue == null ? 0 : asyncQueue.pending();
    }

    /** The Runtime API address ({@code 127.0.0.1:port}). */
    public String runtimeApiAddress() {
        return server.hostPort();
    }

    /** Kills every environment and stops the Runtime API; pending asynchronous invocations stay journaled. */
    @Override
    public synchronized void close() {
        if (asyncQueue != null) {
            asyncQueue.close();
        }
        scheduler.shutdownNow();
        List<FunctionPool> all = List.copyOf(pools.values());
        all.forEach(FunctionPool::close);
        if (server != null) {
            server.close();
            server = null;
        }
        started = false;
    }
}
