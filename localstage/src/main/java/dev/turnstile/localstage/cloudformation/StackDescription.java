package dev.turnstile.localstage.cloudformation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The local stage's own stack as CloudFormation {@code DescribeStacks} reports it: always {@code CREATE_COMPLETE}
 * (the stage serves only once every resource is up), with the template's resolved outputs.
 *
 * @param stackName    the stack name ({@code --stack-name}, default {@code turnstile})
 * @param stackId      the stack ARN, the same as the template's {@code AWS::StackId}
 * @param description  the template's {@code Description}, or null
 * @param creationTime when the stage started
 * @param outputs      the outputs, in template order
 */
public record StackDescription(String stackName, String stackId, String description, Instant creationTime,
                               List<Output> outputs) {

    /** The status every local stack reports. */
    public static final String STATUS = "CREATE_COMPLETE";

    public StackDescription {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(creationTime, "creationTime");
        outputs = List.copyOf(outputs);
    }

    /** Whether {@code nameOrId} names this stack: CloudFormation accepts the name or the stack id. */
    public boolean isNamed(String nameOrId) {
        return stackName.equals(nameOrId) || stackId.equals(nameOrId);
    }

    /**
     * One output.
     *
     * @param key         {@code OutputKey}
     * @param value       {@code OutputValue}, resolved
     * @param description the output's {@code Description} (a literal string in CloudFormation), or null
     */
    public record Output(String key, String value, String description) {
        public Output {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
