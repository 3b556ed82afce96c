package dev.turnstile.localstage;

import dev.turnstile.localstage.awslike.AwsLikeOptions;
import dev.turnstile.localstage.awslike.StageFault;
import dev.turnstile.localstage.controlplane.DeniedOperations;
import dev.turnstile.localstage.lambda.TieredCompilation;
import dev.turnstile.localstage.model.UsagePlanConfig.Throttle;
import dev.turnstile.localstage.server.ListenerLimits;
import dev.turnstile.localstage.template.TemplateLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to start a local stage: the template, where its state lives, ports, parameter overrides and limits.
 *
 * @param template           {@code sam/template.yaml}
 * @param dataDir            the data directory (state, logs, DynamoDB data, {@code stage.json})
 * @param bindAddress        address every listener binds to (127.0.0.1 unless told otherwise)
 * @param port               execute-api port; 0 picks a free one
 * @param parameters         template parameter overrides ({@code --param Name=Value})
 * @param region             region reported in ARNs and the profile
 * @param dynamoDbEndpoint   an external DynamoDB-compatible endpoint, or null to supervise dynalite
 * @param dynaliteHome       folder holding {@code node_modules/dynalite}, or null to look beside the template
 * @param concurrencyCap     local cap on execution environments per function
 * @param prewarm            environments started per function at start-up
 * @param accountThrottle    the account-level throttle (AWS default 10,000 rps / 5,000 burst)
 * @param throttleAtCap      throttle invocations beyond the local concurrency cap (default: they wait for a
 *                           free environment; only {@code ReservedConcurrentExecutions} throttles, as on AWS)
 * @param bodyReadTimeout    how long a client may take to send a request body on any listener (then 408)
 * @param idleTimeout        how long a connection of any listener may stay silent before it is closed
 * @param tieredCompilation  the execution environments' JIT (default {@link TieredCompilation#LAMBDA}, Lambda's own;
 *                           C1 then C2 with {@link TieredCompilation#FULL})
 * @param controlPlane       the stack's name and the control-plane operations to deny ({@code --stack-name},
 *                           {@code --deny})
 * @param awsLike            the AWS-like mode's knobs ({@code --aws-like}); {@link AwsLikeOptions#exact()} by default
 * @param faults             test-only injected faults ({@code --fault NAME}); none by default
 */
public record LocalStageOptions(
        Path template,
        Path dataDir,
        String bindAddress,
        int port,
        Map<String, String> parameters,
        String region,
        URI dynamoDbEndpoint,
        Path dynaliteHome,
        int concurrencyCap,
        int prewarm,
        Throttle accountThrottle,
        boolean throttleAtCap,
        Duration bodyReadTimeout,
        Duration idleTimeout,
        TieredCompilation tieredCompilation,
        ControlPlane controlPlane,
        AwsLikeOptions awsLike,
        Set<StageFault> faults) {

    /**
     * The control plane of the stage's own stack (issue 12).
     *
     * @param stackName the stack name: {@code AWS::StackName} and what CloudFormation {@code DescribeStacks} answers to
     * @param denied    operations answered with AWS's access-denied error
     */
    public record ControlPlane(String stackName, DeniedOperations denied) {
        /** The stack name when none is given. */
        public static final String DEFAULT_STACK_NAME = TemplateLoader.DEFAULT_STACK_NAME;

        public ControlPlane {
            Objects.requireNonNull(stackName, "stackName");
            Objects.requireNonNull(denied, "denied");
        }

        /** Stack {@code turnstile}, nothing denied. */
        public static ControlPlane defaults() {
            return new ControlPlane(DEFAULT_STACK_NAME, DeniedOperations.none());
        }
    }

    public LocalStageOptions {
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(awsLike, "awsLike");
        faults = faults == null || faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(dataDir, "dataDir");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(tieredCompilation, "tieredCompilation");
        if (concurrencyCap < 1) {
            throw new IllegalArgumentException("concurrency cap must be at least 1, got " + concurrencyCap);
        }
        if (prewarm < 0 || prewarm > concurrencyCap) {
            throw new IllegalArgumentException("prewarm must be between 0 and the concurrency cap ("
                    + concurrencyCap + "), got " + prewarm);
        }
    }

    /** A builder with the defaults: 127.0.0.1, port 3000, us-east-1, dynalite, cap 4, 1 pre-warmed environment. */
    public static Builder builder(Path template, Path dataDir) {
        return new Builder(template, dataDir);
    }

    /** Builder for {@link LocalStageOptions}. */
    public static final class Builder {
        private final Path template;
        private final Path dataDir;
        private String bindAddress = "127.0.0.1";
        private int port = 3000;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private String region = "us-east-1";
        private URI dynamoDbEndpoint;
        private Path dynaliteHome;
        private int concurrencyCap = 4;
        private int prewarm = 1;
        private Throttle accountThrottle = new Throttle(10_000, 5_000);
        private boolean throttleAtCap;
        private Duration bodyReadTimeout = ListenerLimits.DEFAULT_BODY_READ_TIMEOUT;
        private Duration idleTimeout = ListenerLimits.DEFAULT_IDLE_TIMEOUT;
        private TieredCompilation tieredCompilation = TieredCompilation.LAMBDA;
        private ControlPlane controlPlane = ControlPlane.defaults();
        // AWS-like mode and test-only faults (docs/aws-behaviour.md §15): exact and none unless asked for
        private AwsLikeOptions awsLike = AwsLikeOptions.exact();
        private final Set<StageFault> faults = EnumSet.noneOf(StageFault.class);

        private Builder(Path template, Path dataDir) {
            this.template = template;
            this.dataDir = dataDir;
        }

        public Builder bindAddress(String value) { this.bindAddress = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder parameter(String name, String value) { this.parameters.put(name, value); return this; }
        public Builder parameters(Map<String, String> values) { this.parameters.putAll(values); return this; }
        public Builder region(String value) { this.region = value; return this; }
        public Builder dynamoDbEndpoint(URI value) { this.dynamoDbEndpoint = value; return this; }
        public Builder dynaliteHome(Path value) { this.dynaliteHome = value; return this; }
        public Builder concurrencyCap(int value) { this.concurrencyCap = value; return this; }
        public Builder prewarm(int value) { this.prewarm = value; return this; }
        public Builder accountThrottle(Throttle value) { this.accountThrottle = value; return this; }
        public Builder throttleAtCap(boolean value) { this.throttleAtCap = value; return this; }
        public Builder bodyReadTimeout(Duration value) { this.bodyReadTimeout = value; return this; }
        public Builder idleTimeout(Duration value) { this.idleTimeout = value; return this; }
        public Builder tieredCompilation(TieredCompilation value) { this.tieredCompilation = value; return this; }
        public Builder controlPlane(ControlPlane value) { this.controlPlane = value; return this; }
        public Builder awsLike(AwsLikeOptions value) { this.awsLike = value; return this; }
        public Builder fault(StageFault value) { this.faults.add(value); return this; }
        public Builder faults(Set<StageFault> values) { this.faults.addAll(values); return this; }

        public LocalStageOptions build() {
            return new LocalStageOptions(template, dataDir, bindAddress, port, parameters, region,
                    dynamoDbEndpoint, dynaliteHome, concurrencyCap, prewarm, accountThrottle, throttleAtCap,
                    bodyReadTimeout, idleTimeout, tieredCompilation, controlPlane, awsLike, faults);
        }
    }
}
