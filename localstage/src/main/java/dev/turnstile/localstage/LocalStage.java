package dev.turnstile.localstage;

import dev.turnstile.localstage.admin.ClockAdminFace;
import dev.turnstile.localstage.admin.ReadinessFace;
import dev.turnstile.localstage.awslike.AwsLikeOptions;
import dev.turnstile.localstage.awslike.ColdStartDelay;
import dev.turnstile.localstage.awslike.DelayedLogDelivery;
import dev.turnstile.localstage.awslike.DroppedPuts;
import dev.turnstile.localstage.awslike.LostAccessLogLines;
import dev.turnstile.localstage.awslike.StageFault;
import dev.turnstile.localstage.awslike.UsagePlanBehaviour;
import dev.turnstile.localstage.cloudformation.CloudFormationFace;
import dev.turnstile.localstage.cloudformation.ExecuteApiUrls;
import dev.turnstile.localstage.cloudformation.StackDescription;
import dev.turnstile.localstage.cloudwatch.CloudWatchFace;
import dev.turnstile.localstage.cloudwatch.LambdaMetrics;
import dev.turnstile.localstage.cloudwatch.MetricStore;
import dev.turnstile.localstage.controlplane.ApiGatewayControlPlaneFace;
import dev.turnstile.localstage.dynamodb.DynamoDbClients;
import dev.turnstile.localstage.dynamodb.DynamoDbSettings;
import dev.turnstile.localstage.dynamodb.DynamoDbSupervisor;
import dev.turnstile.localstage.gateway.Gateway;
import dev.turnstile.localstage.gateway.GatewayOptions;
import dev.turnstile.localstage.gateway.http.ExecuteApiFace;
import dev.turnstile.localstage.lambda.LambdaInvokeFace;
import dev.turnstile.localstage.lambda.LambdaInvoker;
import dev.turnstile.localstage.lambda.LambdaOptions;
import dev.turnstile.localstage.lambda.LambdaService;
import dev.turnstile.localstage.logs.CloudWatchLogsFace;
import dev.turnstile.localstage.logs.LogSink;
import dev.turnstile.localstage.logs.LogStore;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.TableConfig;
import dev.turnstile.localstage.profile.AwsEndpointVariables;
import dev.turnstile.localstage.profile.ProfileBuilder;
import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.server.LoopbackServer;
import dev.turnstile.localstage.template.TemplateLoader;
import dev.turnstile.localstage.time.StageClock;
import dev.turnstile.localstage.usageplan.UsagePlanService;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded local stage: one in-process instance serving execute-api, the Lambda runtime, CloudWatch
 * Logs and metrics, the usage API and a supervised DynamoDB, built from {@code sam/template.yaml}.
 *
 * <p>Two listeners, both on the bind address (127.0.0.1 by default): the execute-api port (the invoke URL)
 * and a services port carrying the AWS faces the SDK clients use (CloudWatch Logs, CloudWatch metrics, API
 * Gateway usage API, Lambda Invoke API) plus the admin clock. The Lambda Runtime API for the execution environments has its
 * own port, owned by {@link LambdaService}. DynamoDB is dynalite's own port (or an external endpoint).
 */
public final class LocalStage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStage.class);
    /** Worker threads of the execute-api listener: requests block while Lambda runs. */
    /**
     * Requests in flight on the execute-api face. Each one holds a thread while it waits for Lambda, and the usage-plan
     * step runs only once a thread takes the request: with too few threads a spike queues in Jetty and its throttle
     * decisions are spread over the time the writers take, so tokens refill and a 2 × burst spike is all admitted —
     * API Gateway decides on arrival. Threads are created on demand and die when idle.
     */
    private static final int GATEWAY_THREADS = 1024;
    private static final int SERVICES_THREADS = 32;

    private final StageProfile profile;
    private final StageClock clock;
    private final Path dataDir;
    private final StageModel model;
    /** Everything to close, last started first. */
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private LocalStage(StageProfile profile, StageClock clock, Path dataDir, StageModel model, Deque<AutoCloseable> resources) {
        this.profile = profile;
        this.clock = clock;
        this.dataDir = dataDir;
        this.model = model;
        this.resources = resources;
    }

    /**
     * Starts a stage; returns when every face answers and {@code stage.json} is written. Any failure stops
     * what was started and is reported with the cause (an unsupported template property, Node.js missing…).
     */
    public static LocalStage start(LocalStageOptions options) {
        long started = System.nanoTime();
        Path dataDir = options.dataDir().toAbsolutePath();
        createDirectories(dataDir);
        LocalStageOptions.ControlPlane controlPlane = options.controlPlane();
        StageModel model = TemplateLoader.load(options.template(), options.parameters(), dataDir, options.region(),
                controlPlane.stackName());
        Instant created = Instant.now();
        // the stack's InvokeUrl output names the execute-api listener, which starts after the services listener
        AtomicReference<StackDescription> stack = new AtomicReference<>();
        StageClock clock = new StageClock();
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            LogStore logs = LogStore.open(dataDir.resolve("logs"), clock);
            resources.push(logs);
            AwsLikeOptions awsLike = options.awsLike();
            Set<StageFault> faults = options.faults();
            LogSink logSink = writersSink(logs, clock, model, awsLike, faults, resources);
            MetricStore metrics = MetricStore.open(dataDir.resolve("metrics"));
            resources.push(metrics);
            DynamoDbSupervisor dynamoDb = DynamoDbSupervisor.start(DynamoDbSettings.from(options), model.tables().values());
            resources.push(dynamoDb);
            UsagePlanService usagePlans = new UsagePlanService(model, clock, dataDir.resolve("usage"),
                    options.accountThrottle(), UsagePlanBehaviour.of(awsLike, faults));
            resources.push(usagePlans);
            LambdaOptions lambdaOptions = LambdaOptions.defaults()
                    .withConcurrencyCap(options.concurrencyCap())
                    .withPrewarm(options.prewarm())
                    .withDynamoDbEndpoint(dynamoDb.endpoint())
                    .withThrottleAtCap(options.throttleAtCap())
                    .withTieredCompilation(options.tieredCompilation());
            LambdaService lambda = new LambdaService(model, logSink, dataDir, lambdaOptions,
                    ColdStartDelay.of(awsLike.coldStartDelay()));
            resources.push(lambda);
            lambda.listen(new LambdaMetrics(metrics, lambdaOptions.clock()));
            lambda.start();

            String deploymentId = model.restApiId().substring(0, 6);
            LambdaInvoker integrations = lambda;
            if (faults.contains(StageFault.DROP_PUT)) {
                integrations = droppingPuts(lambda, model, dynamoDb.endpoint(), resources);
            }
            Gateway gateway = new Gateway(model, clock, integrations, usagePlans, logSink, metrics,
                    GatewayOptions.defaults(deploymentId));
            LoopbackServer services = LoopbackServer.start("turnstile-services", options.bindAddress(), 0, SERVICES_THREADS,
                    ListenerLimits.services(options.bodyReadTimeout(), options.idleTimeout()),
                    new ClockAdminFace(clock),
                    new ReadinessFace(dynamoDb::health),
                    new CloudWatchLogsFace(logs, model.region(), model.accountId()),
                    new CloudFormationFace(stack::get, controlPlane.denied(), model.region(), model.accountId()),
                    new CloudWatchFace(metrics, clock),
                    new ApiGatewayControlPlaneFace(usagePlans, clock, model.restApiName(),
                            deploymentId, created, options.accountThrottle(), controlPlane.denied()),
                    new LambdaInvokeFace(lambda));
            resources.push(services);
            LoopbackServer executeApi = LoopbackServer.start("turnstile-execute-api", options.bindAddress(), options.port(),
                    GATEWAY_THREADS, ListenerLimits.gateway(GatewayOptions.TEN_MB, options.bodyReadTimeout(),
                            options.idleTimeout()), new ExecuteApiFace(gateway, GatewayOptions.TEN_MB));
            resources.push(executeApi);

            stack.set(stackDescription(options, model, executeApi.uri().toString(), created));

            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("dynamodb", dynamoDb.endpoint().toString());
            endpoints.put("logs", services.uri().toString());
            endpoints.put("cloudwatch", services.uri().toString());
            endpoints.put("apigateway", services.uri().toString());
            endpoints.put("lambda", services.uri().toString());
            endpoints.put("admin", services.uri().toString());
            endpoints.put("cloudformation", services.uri().toString());
            String invokeUrl = executeApi.uri() + "/" + model.stageName();
            StageProfile profile = ProfileBuilder.build(model, invokeUrl, endpoints, dataDir, options.prewarm(),
                    options.concurrencyCap(), options.accountThrottle());
            AwsEndpointVariables.write(profile, dataDir);
            profile.write(dataDir.resolve("stage.json")); // last: scripts wait for it
            LOG.info("local stage {} ready in {} ms (services {}, DynamoDB {}); {}", invokeUrl,
                    (System.nanoTime() - started) / 1_000_000, services.uri(), dynamoDb.endpoint(), awsLike.describe());
            if (!faults.isEmpty()) {
                LOG.warn("TEST-ONLY FAULTS INJECTED: {} — this stage breaks its promises on purpose", faults);
            }
            return new LocalStage(profile, clock, dataDir, model, resources);
        } catch (RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
    }

    /** The stack {@code DescribeStacks} reports: the template's outputs, the invoke URL on the local listener. */
    private static StackDescription stackDescription(LocalStageOptions options, StageModel model, String executeApi,
                                                     Instant created) {
        ExecuteApiUrls urls = new ExecuteApiUrls(model.restApiId(), model.region(), executeApi);
        Map<String, String> descriptions = TemplateLoader.descriptions(options.template());
        String name = options.controlPlane().stackName();
        return new StackDescription(name, TemplateLoader.stackId(model.region(), name), descriptions.get(""), created,
                model.outputs().entrySet().stream().map(e -> new StackDescription.Output(e.getKey(),
                        urls.localise(e.getValue()), descriptions.get(e.getKey()))).toList());
    }

    /**
     * Where the gateway and the execution environments write their log events: the store itself, or through the
     * AWS-like delivery delay (docs/aws-behaviour.md §15.1) and the test-only lost access-log lines.
     */
    private static LogSink writersSink(LogStore store, StageClock clock, StageModel model, AwsLikeOptions awsLike,
                                       Set<StageFault> faults, Deque<AutoCloseable> resources) {
        LogSink sink = store;
        if (!awsLike.logDelivery().isZero()) {
            DelayedLogDelivery delivery = DelayedLogDelivery.start(store, clock, awsLike.logDelivery(), awsLike.seed());
            resources.push(delivery); // closed (everything pending delivered) before the store
            sink = delivery;
        }
        if (faults.contains(StageFault.LOSE_ACCESS_LOG)) {
            if (model.accessLog() == null) {
                throw new IllegalArgumentException("fault " + StageFault.LOSE_ACCESS_LOG.optionName()
                        + " needs a stage with an access log (AccessLogSetting)");
            }
            sink = new LostAccessLogLines(sink, model.accessLog().logGroupName(), LostAccessLogLines.EVERY);
        }
        return sink;
    }

    /** The test-only fault drop-put: the gateway's invocations through {@link DroppedPuts} on the template's table. */
    private static LambdaInvoker droppingPuts(LambdaInvoker lambda, StageModel model, java.net.URI dynamoDbEndpoint,
                                              Deque<AutoCloseable> resources) {
        if (model.tables().size() != 1) {
            throw new IllegalArgumentException("fault " + StageFault.DROP_PUT.optionName()
                    + " needs a template with exactly one table, it has " + model.tables().keySet());
        }
        TableConfig table = model.tables().values().iterator().next();
        String key = table.keySchema().stream().filter(k -> "HASH".equals(k.keyType())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + table.tableName() + " has no HASH key"))
                .attributeName();
        var client = DynamoDbClients.create(dynamoDbEndpoint, model.region(), Duration.ofSeconds(10));
        resources.push(client);
        return new DroppedPuts(lambda, DroppedPuts.deleting(client, table.tableName(), key), DroppedPuts.EVERY);
    }

    /** The stage profile (also written to {@code dataDir/stage.json}). */
    public StageProfile profile() {
        return profile;
    }

    /** The stage clock (token buckets, quotas, authorizer cache). */
    public StageClock clock() {
        return clock;
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The resolved stage model. */
    public StageModel model() {
        return model;
    }

    /** Stops every face and the supervised DynamoDB; queued asynchronous invocations are persisted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = new IllegalStateException("stopping the local stage failed");
        closeAll(resources, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources, Throwable collector) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                collector.addSuppressed(e);
            }
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }
}
