package dev.turnstile.localstage.cli;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.localstage.awslike.AwsLikeOptions;
import dev.turnstile.localstage.awslike.DelayRange;
import dev.turnstile.localstage.awslike.StageFault;
import dev.turnstile.localstage.controlplane.DeniedOperations;
import dev.turnstile.localstage.lambda.TieredCompilation;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the local stage:
 * {@code java -jar localstage/target/turnstile-localstage.jar [--template sam/template.yaml] [--port 3000]
 * [--data DIR] [--param Name=Value]…}. Prints one line with the invoke URL when ready; Ctrl-C / SIGTERM
 * stops it cleanly.
 */
@Command(name = "turnstile-localstage", mixinStandardHelpOptions = true, subcommands = EnvCommand.class,
        description = "Runs the Turnstile local stage: API Gateway (REST) + Lambda + DynamoDB + CloudWatch Logs "
                + "built from a SAM template, on 127.0.0.1.")
public final class LocalStageCommand implements Callable<Integer> {

    @Option(names = "--template", description = "SAM template (default: ${DEFAULT-VALUE})", defaultValue = "sam/template.yaml")
    Path template;

    @Option(names = "--port", description = "execute-api port, 0 for a free one (default: ${DEFAULT-VALUE})", defaultValue = "3000")
    int port;

    @Option(names = "--data", description = "data directory: state, logs, DynamoDB data, stage.json (default: ${DEFAULT-VALUE})",
            defaultValue = "target/turnstile/localstage")
    Path dataDir;

    @Option(names = "--param", description = "template parameter override Name=Value (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--bind", description = "address to bind every listener to (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String bindAddress;

    @Option(names = "--region", description = "region reported in ARNs and the profile (default: ${DEFAULT-VALUE})", defaultValue = "us-east-1")
    String region;

    @Option(names = "--dynamodb-endpoint", description = "use this DynamoDB-compatible endpoint instead of supervising dynalite")
    URI dynamoDbEndpoint;

    @Option(names = "--dynalite-home", description = "folder holding node_modules/dynalite (default: <template folder>/../localstage/dynalite)")
    Path dynaliteHome;

    @Option(names = "--concurrency-cap", description = "execution environments per function at most (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int concurrencyCap;

    @Option(names = "--prewarm", description = "execution environments started per function at start-up (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int prewarm;

    @Option(names = "--throttle-at-cap", description = "throttle invocations beyond the concurrency cap instead of "
            + "queueing them (AWS throttles only at ReservedConcurrentExecutions or the account limit)")
    boolean throttleAtCap;

    @Option(names = "--tiered-compilation", description = "JIT of the execution environments: full (C1 and C2) or "
            + "lambda (C1 only, Lambda's own -XX:TieredStopAtLevel=1) (default: ${DEFAULT-VALUE})", defaultValue = "lambda",
            converter = TieredCompilationConverter.class)
    TieredCompilation tieredCompilation;

    @Option(names = "--account-rate", description = "account-level throttle rate, req/s (default: ${DEFAULT-VALUE})", defaultValue = "10000")
    double accountRate;

    @Option(names = "--account-burst", description = "account-level throttle burst (default: ${DEFAULT-VALUE})", defaultValue = "5000")
    int accountBurst;

    @Option(names = "--body-read-timeout", description = "how long a client may take to send a request body, ISO-8601 "
            + "(default: ${DEFAULT-VALUE}); then 408 and the connection is closed", defaultValue = "PT30S")
    Duration bodyReadTimeout;

    @Option(names = "--idle-timeout", description = "how long a connection may stay silent before it is closed, ISO-8601 "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "PT30S")
    Duration idleTimeout;

    // ---- control plane of the stage's own stack (issue 12) ----

    @Option(names = "--stack-name", description = "the stack's name: AWS::StackName and what CloudFormation "
            + "DescribeStacks answers to (default: ${DEFAULT-VALUE})", defaultValue = "turnstile")
    String stackName;

    @Option(names = "--deny", split = ",", paramLabel = "Operation", description = "answer these control-plane "
            + "operations (e.g. GetApiKeys,DescribeStacks) with AWS's access-denied error, to rehearse a missing "
            + "IAM permission")
    java.util.List<String> denied = new java.util.ArrayList<>();

    // ---- AWS-like mode (docs/aws-behaviour.md §15) and test-only faults: off unless asked for ----

    @Option(names = "--aws-like", description = "behave like a deployed stage: late log delivery, lagging GetUsage, "
            + "throttles and quotas decided by several gateway nodes, cold-start init delay (each knob below)")
    boolean awsLike;

    @Option(names = "--log-delivery-delay", description = "with --aws-like: how late a log batch becomes readable, MIN..MAX "
            + "(default: 2s..20s)", converter = DelayRangeConverter.class)
    DelayRange logDeliveryDelay;

    @Option(names = "--usage-lag", description = "with --aws-like: how long an admitted request stays out of GetUsage, "
            + "e.g. 30s or PT30S (default: 30s)", converter = DurationConverter.class)
    Duration usageLag;

    @Option(names = "--gateway-nodes", description = "with --aws-like: gateway nodes sharing every usage-plan and stage "
            + "throttle and counting quotas (default: 4)")
    Integer gatewayNodes;

    @Option(names = "--node-spread", description = "with --aws-like: how requests pick a node, random or round-robin "
            + "(default: random)")
    String nodeSpread;

    @Option(names = "--quota-sync", description = "with --aws-like: how often a node learns the others' quota counts "
            + "(default: 1s)", converter = DurationConverter.class)
    Duration quotaSync;

    @Option(names = "--cold-start-delay", description = "with --aws-like: extra init time of an on-demand execution "
            + "environment (default: 1s)", converter = DurationConverter.class)
    Duration coldStartDelay;

    @Option(names = "--aws-like-seed", description = "with --aws-like: seed of the random delays and node choices "
            + "(default: 1)")
    Long awsLikeSeed;

    @Option(names = "--fault", description = "TEST ONLY: inject a fault the suite must catch (repeatable): drop-put "
            + "(1 put in 50 lost after a 200), over-admit (usage plans admit 25 % more), lose-access-log (1 access-log "
            + "line in 100 never delivered)")
    List<String> faultNames = new ArrayList<>();

    /** The AWS-like knobs as given; an error when a knob is given without {@code --aws-like}. */
    AwsLikeOptions awsLikeOptions() {
        boolean knob = logDeliveryDelay != null || usageLag != null || gatewayNodes != null || nodeSpread != null
                || quotaSync != null || coldStartDelay != null || awsLikeSeed != null;
        if (!awsLike) {
            if (knob) {
                throw new IllegalArgumentException("--log-delivery-delay, --usage-lag, --gateway-nodes, --node-spread, "
                        + "--quota-sync, --cold-start-delay and --aws-like-seed need --aws-like");
            }
            return AwsLikeOptions.exact();
        }
        AwsLikeOptions o = AwsLikeOptions.awsDefaults();
        if (logDeliveryDelay != null) {
            o = o.withLogDelivery(logDeliveryDelay);
        }
        if (usageLag != null) {
            o = o.withUsageLag(usageLag);
        }
        if (gatewayNodes != null) {
            o = o.withGatewayNodes(gatewayNodes);
        }
        if (nodeSpread != null) {
            o = o.withSpread(switch (nodeSpread.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "random" -> AwsLikeOptions.NodeSpread.RANDOM;
                case "round-robin" -> AwsLikeOptions.NodeSpread.ROUND_ROBIN;
                default -> throw new IllegalArgumentException("--node-spread must be random or round-robin, got "
                        + nodeSpread);
            });
        }
        if (quotaSync != null) {
            o = o.withQuotaSync(quotaSync);
        }
        if (coldStartDelay != null) {
            o = o.withColdStartDelay(coldStartDelay);
        }
        if (awsLikeSeed != null) {
            o = o.withSeed(awsLikeSeed);
        }
        return o;
    }

    EnumSet<StageFault> faults() {
        EnumSet<StageFault> faults = EnumSet.noneOf(StageFault.class);
        faultNames.forEach(n -> faults.add(StageFault.parse(n)));
        return faults;
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalStageOptions options = LocalStageOptions.builder(template, dataDir)
                .port(port)
                .parameters(parameters)
                .bindAddress(bindAddress)
                .region(region)
                .dynamoDbEndpoint(dynamoDbEndpoint)
                .dynaliteHome(dynaliteHome)
                .concurrencyCap(concurrencyCap)
                .prewarm(prewarm)
                .accountThrottle(new Throttle(accountRate, accountBurst))
                .throttleAtCap(throttleAtCap)
                .bodyReadTimeout(bodyReadTimeout)
                .idleTimeout(idleTimeout)
                .tieredCompilation(tieredCompilation)
                .controlPlane(new LocalStageOptions.ControlPlane(stackName, DeniedOperations.of(denied)))
                .awsLike(awsLikeOptions())
                .faults(faults())
                .build();
        LocalStage stage = LocalStage.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stage.close();
            stopped.countDown();
        }, "turnstile-localstage-shutdown"));
        System.out.println("Turnstile local stage ready: " + stage.profile().invokeUrl()
                + "  (profile: " + dataDir.resolve("stage.json").toAbsolutePath() + ")");
        System.out.println("stack " + stackName + ": eval \"$(java -jar localstage/target/turnstile-localstage.jar env"
                + " --data " + dataDir + ")\" points the AWS SDKs and CLI at it" + (denied.isEmpty() ? ""
                : "; denied: " + String.join(",", denied)));
        stopped.await();
        return 0;
    }

    /** Entry point. */
    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new LocalStageCommand());
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // one clear line for configuration errors (unsupported template property, missing Node.js…)
            cmd.getErr().println("turnstile-localstage: " + ex.getMessage());
            return 2;
        });
        int code = commandLine.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** {@code 2s..20s}, {@code PT2S..PT20S} or one duration. */
    static final class DelayRangeConverter implements CommandLine.ITypeConverter<DelayRange> {
        @Override
        public DelayRange convert(String value) {
            return DelayRange.parse(value);
        }
    }

    /** {@code 30s}, {@code 500ms}, {@code 5m} or ISO-8601 ({@code PT30S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DelayRange.duration(value);
        }
    }

    /** {@code full} / {@code lambda}, with the enum's own message for anything else. */
    static final class TieredCompilationConverter implements CommandLine.ITypeConverter<TieredCompilation> {
        @Override
        public TieredCompilation convert(String value) {
            return TieredCompilation.parse(value);
        }
    }
}
