package dev.turnstile.localstage.cli;

import dev.turnstile.localstage.LocalStage;
import dev.turnstile.localstage.LocalStageOptions;
import dev.turnstile.localstage.controlplane.DeniedOperations;
import dev.turnstile.localstage.lambda.TieredCompilation;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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

    /** {@code full} / {@code lambda}, with the enum's own message for anything else. */
    static final class TieredCompilationConverter implements CommandLine.ITypeConverter<TieredCompilation> {
        @Override
        public TieredCompilation convert(String value) {
            return TieredCompilation.parse(value);
        }
    }
}
