package dev.turnstile.localstage.controlplane;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The control-plane operations the local stage answers with AWS's access-denied error ({@code --deny}), so a caller
 * lacking an IAM permission can be rehearsed: the API Gateway face answers 403 {@code AccessDeniedException}, the
 * CloudFormation face 403 {@code AccessDenied} (docs/aws-behaviour.md §10). Names are the AWS operation names; an
 * unknown name is refused when the stage starts, so a typo cannot make a test pass.
 */
public final class DeniedOperations {

    /** The caller every denial names (the local stage does not know principals). */
    public static final String CALLER = "arn:aws:iam::123456789012:user/turnstile-local";

    /** CloudFormation operations the local stage serves. */
    public static final List<String> CLOUDFORMATION = List.of("DescribeStacks");
    /** API Gateway control-plane operations the local stage serves. */
    public static final List<String> API_GATEWAY = List.of("GetRestApis", "GetStages", "GetStage", "GetResources",
            "GetAuthorizers", "GetApiKeys", "GetApiKey", "UpdateApiKey", "GetUsagePlans", "GetUsagePlan",
            "GetUsagePlanKeys", "GetUsage", "UpdateUsage");

    private static final DeniedOperations NONE = new DeniedOperations(Set.of());

    private final Set<String> denied;

    private DeniedOperations(Set<String> denied) {
        this.denied = Set.copyOf(denied);
    }

    /** Nothing denied (the default). */
    public static DeniedOperations none() {
        return NONE;
    }

    /** The named operations denied; an error naming every unknown one and listing the known ones. */
    public static DeniedOperations of(Iterable<String> operations) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> unknown = new TreeSet<>();
        for (String raw : operations) {
            String name = Objects.requireNonNull(raw, "operation").trim();
            if (name.isEmpty()) {
                continue;
            }
            if (CLOUDFORMATION.contains(name) || API_GATEWAY.contains(name)) {
                names.add(name);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--deny names operations the local stage does not serve: " + unknown
                    + " (CloudFormation: " + CLOUDFORMATION + "; API Gateway: " + API_GATEWAY + ")");
        }
        return new DeniedOperations(names);
    }

    /** {@code GetApiKeys,DescribeStacks} as given on the command line. */
    public static DeniedOperations parse(String commaSeparated) {
        return commaSeparated == null ? NONE : of(Arrays.asList(commaSeparated.split(",")));
    }

    /** Whether the operation is denied. */
    public boolean denies(String operation) {
        return denied.contains(operation);
    }

    /** The denied operations (sorted, for logs). */
    public Set<String> names() {
        return new TreeSet<>(denied);
    }

    /**
     * IAM's message for a denied call, e.g. {@code User: arn:… is not authorized to perform: apigateway:GET on
     * resource: arn:aws:apigateway:us-east-1::/apikeys because no identity-based policy allows the apigateway:GET
     * action}.
     */
    public static String message(String action, String resourceArn) {
        return "User: " + CALLER + " is not authorized to perform: " + action + " on resource: " + resourceArn
                + " because no identity-based policy allows the " + action + " action";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeniedOperations d && denied.equals(d.denied);
    }

    @Override
    public int hashCode() {
        return denied.hashCode();
    }

    @Override
    public String toString() {
        return "DeniedOperations" + names();
    }
}
