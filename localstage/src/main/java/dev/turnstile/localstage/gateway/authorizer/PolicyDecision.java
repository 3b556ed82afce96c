package dev.turnstile.localstage.gateway.authorizer;

import java.util.List;

/**
 * Evaluates an authorizer policy against a method ARN: an explicit Deny wins over any Allow; without a
 * matching Allow the request is implicitly denied
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
 */
public enum PolicyDecision {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY;

    /** The decision for one method ARN. */
    public static PolicyDecision evaluate(List<PolicyStatement> statements, String methodArn) {
        boolean allowed = false;
        for (PolicyStatement statement : statements) {
            if (statement.covers(methodArn)) {
                if (statement.effect() == PolicyStatement.Effect.DENY) {
                    return EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? ALLOW : IMPLICIT_DENY;
    }
}
